import { benchInterchange } from '/work/main/bench/interchangeBench';
const t0 = performance.now();
console.log(await benchInterchange({ articles: Number(process.argv[2]) }));
console.log('total s', (performance.now() - t0) / 1000);
