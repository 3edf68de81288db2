/** Texts for the CoNLL dialect tests: English, accents, Persian/Arabic with ZWNJ, emoji and hashtags. */
export const CONLL_TEXTS = [
  'Kishida denounced the plan. It fails, says Tokyo.',
  'Le président Macron a déclaré: «Ça suffit». Ünïcödé naïve café.',
  'رئیس‌جمهور ایران می‌گوید که توافق مرده است. السلام عليكم.',
  'Heartbreak 💔 over #MH17 😮‍💨 👨‍👩‍👧 🇯🇵 today. #PrayForMH17 now!',
];
