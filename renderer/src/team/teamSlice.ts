/**
 * Team work in the app (docs/teams.md): the workspace's team status, making assignment packages,
 * opening one, exporting work, collecting work packages (asking before taking work the annotator
 * was not assigned), and the agreement report with a way to each disagreement. Every step is one
 * team operation of the API (shared/api/teamContract.ts), the same code the CLI runs.
 */
import type { AssignInput, CollectAnswers, SliceCreator, TeamSlice } from '../store/types';
import { packageFileOf } from './packageFile';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const createTeamSlice: SliceCreator<TeamSlice> = (set, get, { api, download }) => {
  const busy = async <T>(what: string, task: () => Promise<T>, failure: string): Promise<T | null> => {
    set({ teamBusy: what });
    try {
      return await task();
    } catch (err) {
      get().reportError(err, failure);
      return null;
    } finally {
      set({ teamBusy: null });
    }
  };

  /** Collect the files in order; stops at one that needs the lead's answer, keeping the rest. */
  const collectFrom = async (files: File[], answered: CollectAnswers): Promise<void> => {
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      const answers = i === 0 ? answered : {};
      const result = await busy(
        `Collecting ${file.name}…`,
        async () => api.collectWorkPackage({ file: await packageFileOf(api, file), acceptUnassigned: answers.acceptUnassigned ?? false, ...(answers.labelMapping ? { labelMapping: answers.labelMapping } : {}) }),
        `Could not collect ${file.name}`,
      );
      if (!result) return;
      if (result.status === 'needsAcceptance') {
        set({ pendingAcceptance: { fileName: file.name, annotator: result.annotator, articleIds: result.articleIds, files: files.slice(i), answered: answers } });
        return;
      }
      if (result.status === 'needsLabelMapping') {
        set({ pendingLabelMapping: { action: 'collect', fileName: file.name, annotator: result.annotator, message: result.message, labels: result.labels, files: files.slice(i), answered: answers } });
        return;
      }
      const parts = [`${plural(result.written, 'layer')} collected`];
      if (result.unchanged) parts.push(`${plural(result.unchanged, 'layer')} already here`);
      if (result.proposals.length) parts.push(`${plural(result.proposals.length, 'entity', 'entities')} proposed`);
      if (result.labelsAdded.length) parts.push(`${plural(result.labelsAdded.length, 'label')} added to the schema (${result.labelsAdded.join(', ')})`);
      if (result.workspaceOnlyLabels.length) parts.push(`${result.annotator}'s schema had no ${result.workspaceOnlyLabels.join(', ')}`);
      get().showNotice(`${file.name} (${result.annotator}): ${parts.join(', ')}`);
      if (result.labelsAdded.length) await get().loadWorkspace();
    }
    await Promise.all([get().loadTeamStatus(), get().loadCurationProgress(), get().loadProposals()]);
  };

  /** Open an assignment package; stops to ask when it was made for another label schema. */
  const openPackage = async (file: File, labelMapping: Record<string, string> | undefined): Promise<void> => {
    const result = await busy(
      `Opening ${file.name}…`,
      async () => api.openAssignmentPackage({ file: await packageFileOf(api, file), ...(labelMapping ? { labelMapping } : {}) }),
      `Could not open ${file.name}`,
    );
    if (!result) return;
    if (result.status === 'needsLabelMapping') {
      set({ pendingLabelMapping: { action: 'open', fileName: file.name, annotator: result.annotator, message: result.message, labels: result.labels, files: [file], answered: {} } });
      return;
    }
    const labels = result.labelsAdded.length ? `, ${plural(result.labelsAdded.length, 'label')} added to the schema (${result.labelsAdded.join(', ')})` : '';
    get().showNotice(
      result.unchanged
        ? `${file.name} was opened here before; nothing changed`
        : `Opened ${file.name} from lead ${result.lead}: ${plural(result.added, 'article')} added${result.kept ? `, ${result.kept} kept` : ''}${labels}`,
    );
    for (const w of result.warnings) get().reportError(new Error(w), file.name);
    await Promise.all([get().loadWorkspace(), get().loadLibrary(), get().loadTeamStatus()]);
  };

  return {
    teamStatus: null,
    teamBusy: null,
    agreement: null,
    pendingAcceptance: null,
    pendingLabelMapping: null,
    madePackages: [],
    curationProgress: {},
    proposals: [],
    loadProposals: async () => {
      try {
        set({ proposals: await api.listEntityProposals({}) });
      } catch (err) {
        get().reportError(err, 'Could not list the proposed entities');
      }
    },
    decideProposal: async (entityId, decision) => {
      const done = await busy('Saving the decision…', () => api.decideEntityProposal({ entityId, decision }), 'Could not save the decision');
      if (done) await Promise.all([get().loadProposals(), get().loadEntities(true)]);
    },
    loadCurationProgress: async () => {
      try {
        set({ curationProgress: (await api.getCurationProgress({})).articles });
      } catch (err) {
        get().reportError(err, 'Could not read the curation progress');
      }
    },
    downloadPackage: (fileName) => {
      const made = get().madePackages.find((p) => p.fileName === fileName);
      if (made) download({ fileName: made.fileName, mimeType: 'application/zip', content: made.content, encoding: 'base64' });
    },

    loadTeamStatus: async () => {
      try {
        set({ teamStatus: await api.getTeamStatus({}) });
      } catch (err) {
        get().reportError(err, 'Could not read the team status');
      }
    },

    assignArticles: async (input: AssignInput) => {
      const result = await busy('Making assignment packages…', () => api.assignArticles(input), 'Could not make the assignment packages');
      if (!result) return false;
      // Offered one button each: a browser lets one click download one file, not several.
      set({ madePackages: result.packages.map((p) => ({ fileName: p.fileName, annotator: p.annotator, articles: p.articles, content: p.content })) });
      get().showNotice(`Made ${plural(result.packages.length, 'assignment package')} (${result.packages.map((p) => `${p.annotator}: ${plural(p.articles, 'article')}`).join(', ')})`);
      await get().loadTeamStatus();
      return true;
    },

    openAssignmentPackage: (file) => openPackage(file, undefined),

    exportWork: async () => {
      await get().whenSaved();
      const result = await busy('Exporting your work…', () => api.exportWorkPackage({}), 'Could not export the work package');
      if (!result) return;
      download({ fileName: result.fileName, mimeType: 'application/zip', content: result.content, encoding: 'base64' });
      get().showNotice(`Exported your work on ${plural(result.articles, 'article')} for lead ${result.lead} as ${result.fileName}`);
    },

    collectWork: (files) => collectFrom([...files], {}),

    answerAcceptance: async (take) => {
      const pending = get().pendingAcceptance;
      if (!pending) return;
      set({ pendingAcceptance: null });
      if (take) await collectFrom(pending.files, { ...pending.answered, acceptUnassigned: true });
      else await collectFrom(pending.files.slice(1), {});
    },

    answerLabelMapping: async (mapping) => {
      const pending = get().pendingLabelMapping;
      if (!pending) return;
      set({ pendingLabelMapping: null });
      if (pending.action === 'open') {
        if (mapping) await openPackage(pending.files[0], mapping);
      } else if (mapping) await collectFrom(pending.files, { ...pending.answered, labelMapping: mapping });
      else await collectFrom(pending.files.slice(1), {});
    },

    computeAgreement: async () => {
      const report = await busy('Computing agreement…', () => api.computeAgreement({}), 'Could not compute the agreement');
      if (report) set({ agreement: report });
    },

    goToRange: async (articleId, range) => {
      get().setScreen('main');
      await get().openArticle(articleId);
      if (get().openArticleId === articleId) get().setTextSelection({ anchor: range.start, focus: range.end }, { scroll: true });
    },
  };
};
