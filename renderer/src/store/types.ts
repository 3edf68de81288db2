/**
 * The shape of the renderer's one zustand store: every slice's state and actions, declared here
 * and implemented in the slice files (zustand "slices pattern"). Declaring them in one place
 * keeps the slices from importing each other's files for types: each slice imports this file,
 * and this file imports no slice. Cross-slice work goes through `get()`. Components subscribe
 * with narrow selectors (see StoreContext.tsx).
 */
import type { StoreApi } from 'zustand/vanilla';
import type { ExportRequest, ExportResult, FormatName, ImportFile, ImportPreview, NewArticle, OperationInput, OperationOutput, SkippedArticle, StatementRow, WorkbenchApi, WorkspaceInfo } from '../../../shared/api/contract';
import type { Edit } from '../../../shared/domain/edits';
import type { ActorType, ArticleStatus, ArticleSummary, Entity, EntityKind, Polarity, Span, WorkspaceSettings } from '../../../shared/domain/model';
import type { Network } from '../../../shared/network/networks';
import type { AgreementReport } from '../../../shared/agreement/agreement';
import type { CurationProgress, ProposalDecision, TeamStatus } from '../../../shared/api/teamContract';
import type { AnalysisRow } from '../../../shared/network/statementsTable';
import type { EditContext, EditPlan } from '../commands/spanEdits';
import type { CaretMotion, TextSelection } from '../document/caretMotion';
import type { ImportFilesOptions, UploadCache } from '../library/uploadFile';
import type { DocumentSession } from '../session/documentSession';
import type { LinkDraft } from '../statements/linking';

export type WorkbenchState = WorkspaceSlice &
  LibrarySlice &
  DocumentSlice &
  SelectionSlice &
  HistorySlice &
  UiSlice &
  InterchangeSlice &
  ScreenSlice &
  StatementsSlice &
  EntitiesSlice &
  NetworkSlice &
  TeamSlice;

/** What the store needs from the outside world; tests pass fakes. */
export interface StoreDeps {
  api: WorkbenchApi;
  /** Offer an exported file to the user (Blob + a[download] in the app). */
  download: (file: ExportResult) => void;
  /** Save a file the renderer assembled (a background export read back in chunks). */
  saveFile: (blob: Blob, fileName: string) => void;
  now: () => string;
  newId: (prefix: string) => string;
}

export type SetState = StoreApi<WorkbenchState>['setState'];
export type GetState = StoreApi<WorkbenchState>['getState'];
export type SliceCreator<T> = (set: SetState, get: GetState, deps: StoreDeps) => T;

// Implemented by documentSlice.ts
export interface DocumentSlice {
  /**
   * Owns the open article and all derived from it (paragraphs, buckets, confirmed copy, outbox,
   * history). Its state is not copied into the store: read it with `documentOf(get())`
   * (store/documentState.ts) or, in components, `useDocument` (StoreContext.tsx).
   */
  documentSession: DocumentSession;
  /**
   * The article the user asked to open (set before it arrives, null in the library) and whether
   * it is still loading. UI state: they say which screen shows, and the session holds only an
   * article it has.
   */
  openArticleId: string | null;
  docLoading: boolean;

  openArticle(id: string): Promise<void>;
  closeArticle(): void;
  /** The one runner: apply, record (for undo, as `description`) and send a batch. False (error shown) when it does not fit. */
  runEdits(edits: Edit[], description: string): boolean;
  /** What the edit planners (commands/spanEdits.ts) read; null when no article is open. */
  editContext(): EditContext | null;
  /** Carry out a plan: its batch through runEdits, then the selection, notice or question. False if it asked or its batch did not fit. */
  runPlan(plan: EditPlan): boolean;
  /** Apply a label: create a span from the text selection, or relabel the selected span. */
  applyLabel(labelId: string): void;
  createSpan(labelId: string, start: number, end: number): string | null;
  relabelSpan(id: string, labelId: string): void;
  setSpanNote(id: string, note: string): void;
  deleteSpan(id: string): void;
  toggleDone(): void;
  /** Resolves once every pending batch of the article has been answered. */
  whenSaved(articleId?: string): Promise<void>;
  /** The article whose text the text view is still drawing (the rest of a long text, in a transition), or null. */
  textDrawing: string | null;
  setTextDrawing(articleId: string | null): void;
  /**
   * Run `task` now, or, while the open article's spans are still on their way (it was just
   * opened: the text comes first), once they are in and if the same article is still open.
   */
  afterAnnotations(task: (state: WorkbenchState) => void): void;
}

// Implemented by historySlice.ts
export interface HistorySlice {
  /** The stacks are the session's (`documentOf(s).undoStack`); these run its undo/redo and select what came back. */
  undo(): boolean;
  redo(): boolean;
}

// Implemented by interchangeSlice.ts
export type ImportInput = OperationInput<'previewImport'>;

export interface ExportRun {
  state: 'writing' | 'reading' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  /** Articles written so far, of `total` (0 until the service has counted them). */
  done: number;
  total: number;
  fileName: string;
  bytes: number;
  warnings: string[];
  /** Articles left out because their files could not be read, each naming the file and the problem. */
  skipped: SkippedArticle[];
}

export interface InterchangeSlice {
  /** The export the Export dialog is running or last ran; null before the first. */
  exportRun: ExportRun | null;
  /** Chosen files as an import request carries them: large ones uploaded in chunks first (once per file: `cache`). */
  importFilesOf(files: readonly File[], format: FormatName, cache: UploadCache, onProgress?: ImportFilesOptions['onProgress']): Promise<ImportFile[]>;
  /** Discard the uploads of files that will not be imported. */
  discardUploads(cache: UploadCache): void;
  /** What an import would add; null (with the error shown) when the files cannot be read. */
  previewImport(request: ImportInput): Promise<ImportPreview | null>;
  /** Import for real, refresh the library (and the schema when labels were added); null on error. */
  commitImport(request: ImportInput): Promise<ArticleSummary[] | null>;
  /** Run a background export to the end and save the file; false when it failed or was cancelled. */
  runExport(request: ExportRequest): Promise<boolean>;
  /** Cancel the running export (the service removes its partial output). */
  cancelExport(): void;
  clearExportRun(): void;
}

// Implemented by screenSlice.ts
export type Screen = 'main' | 'entities' | 'network' | 'team';

export interface ScreenSlice {
  screen: Screen;
  setScreen(screen: Screen): void;
}

// Implemented by selectionSlice.ts
export interface ScrollTarget {
  /** Scroll this span's highlight into view, or else the caret. */
  spanId: string | null;
  seq: number;
}

export interface SelectionSlice {
  textSelection: TextSelection | null;
  /** 'dom': the browser's selection is the source; 'program': the view mirrors textSelection into the DOM. */
  selectionOrigin: 'dom' | 'program';
  selectedSpanId: string | null;
  textFocused: boolean;
  scrollTarget: ScrollTarget | null;

  setSelectionFromDom(sel: TextSelection | null): void;
  setTextSelection(sel: TextSelection | null, opts?: { scroll?: boolean }): void;
  moveCaret(motion: CaretMotion, extend: boolean): void;
  /** `known`: the span itself when the caller has it (a span just created), which saves a search. */
  selectSpan(id: string | null, opts?: { scroll?: boolean; moveCaret?: boolean; caretAt?: number; known?: Span }): void;
  /** A click on a highlight covered by these spans (outermost first): innermost first, then cycle outwards. */
  clickSpans(spanIds: readonly string[]): void;
  selectAdjacentSpan(direction: 1 | -1): void;
  setTextFocused(focused: boolean): void;
  /** Escape: deselect the span and collapse the text selection. */
  clearSelection(): void;
  resetSelection(): void;
}

// Implemented by uiSlice.ts
export type DialogState =
  | { kind: 'settings' }
  | { kind: 'help' }
  | { kind: 'addArticle' }
  | { kind: 'deleteArticle'; articleId: string; title: string }
  | { kind: 'deleteSpanWithStatements'; spanId: string }
  | { kind: 'mergeEntities'; ids: string[] }
  | { kind: 'deleteEntities'; ids: string[] }
  | { kind: 'importJsonl'; fileName: string; content: string; preview: ImportPreview }
  | { kind: 'import' }
  | { kind: 'export' };

export interface UiMessage {
  id: number;
  message: string;
}

export interface UiSlice {
  dialog: DialogState | null;
  errors: UiMessage[];
  /** Errors with an id above this were reported while the open dialog was open; the dialog shows those. */
  dialogErrorFloor: number;
  notice: UiMessage | null;
  /** Bumped to ask the note field of the selected span to take focus (Enter on a span). */
  noteFocusSeq: number;
  requestNoteFocus(): void;
  openDialog(dialog: DialogState): void;
  closeDialog(): void;
  /** Show an error in the alert region; `context` says what was being attempted. */
  reportError(err: unknown, context?: string): void;
  dismissError(id: number): void;
  clearErrors(): void;
  showNotice(message: string): void;
}

// Implemented by workspaceSlice.ts
export interface WorkspaceSlice {
  workspace: WorkspaceInfo | null;
  loadWorkspace(): Promise<void>;
  /** Save settings; resolves to false (with the error shown) when the service refused. */
  saveSettings(patch: Partial<WorkspaceSettings>): Promise<boolean>;
  /** Hide what opening the workspace repaired, once the user has read it. */
  dismissNotices(): void;
}

// Implemented by statementsSlice.ts
export type SideTab = 'spans' | 'statements' | 'curation';

export interface StatementsSlice {
  linkDraft: LinkDraft | null;
  sideTab: SideTab;
  setSideTab(tab: SideTab): void;
  /** Start linking a statement from a span (the selected one by default). */
  startLinking(spanId?: string): void;
  /** Put a span into the draft (as actor, claim or stance, by its label). */
  pickForLink(spanId: string): void;
  setLinkStance(spanId: string | null): void;
  /** Create the drafted statement with this polarity; returns its id. */
  commitLink(polarity: Polarity): string | null;
  cancelLinking(): void;
  setStatementPolarity(id: string, polarity: Polarity): void;
  setStatementStance(id: string, stanceSpanId: string | null): void;
  deleteStatement(id: string): void;
  /** Delete a span with the statements that need it (one batch, one undo step). */
  deleteSpanAndStatements(spanId: string): void;
}

// Implemented by entitiesSlice.ts
export interface EntitiesSlice {
  entities: Entity[];
  entitiesLoaded: boolean;
  /** The rows checked in the Entities view (for Merge into… and Delete). */
  checkedEntityIds: readonly string[];
  setCheckedEntities(ids: readonly string[]): void;
  /** Load the entities (once, or again with `force`). */
  loadEntities(force?: boolean): Promise<void>;
  /** Create or update; resolves to the saved entity, or null (error shown). */
  saveEntity(entity: Entity): Promise<Entity | null>;
  /**
   * Change some fields of an entity. Changes to one entity are sent one after the other, each
   * applied to the entity as the previous one left it, so quick edits (a name, then an actor
   * type, then aliases) never undo each other. Resolves to the saved entity, or null.
   */
  updateEntity(id: string, patch: Partial<Omit<Entity, 'id' | 'kind'>>): Promise<Entity | null>;
  createEntity(kind: EntityKind, name: string, actorType?: ActorType): Promise<Entity | null>;
  deleteEntities(ids: readonly string[]): Promise<boolean>;
  mergeEntities(ids: readonly string[], intoId: string): Promise<boolean>;
  /** How many statements of the workspace each entity or concept is the actor or concept of. */
  countStatementsByEntity(): Promise<Map<string, number>>;
  /** Link a span of the open article to an entity or concept (null unlinks). Undoable. */
  linkSpanToEntity(spanId: string, entityId: string | null): void;
}

// Implemented by networkSlice.ts
export type NetworkChoice = 'two-mode' | 'actor-congruence' | 'actor-conflict' | 'concept-congruence' | 'concept-conflict';

export interface NetworkSettings {
  kind: NetworkChoice;
  /** "YYYY-MM-DD" or '' for no bound. */
  from: string;
  to: string;
  statuses: readonly ArticleStatus[];
  polarities: readonly Polarity[];
  /** Edges lighter than this are not drawn; null picks one that keeps the drawing fast. */
  minWeight: number | null;
}

export interface NetworkSlice {
  networkSettings: NetworkSettings;
  /** Every statement of the workspace, flattened (loaded each time the Network view opens). */
  statementRows: StatementRow[] | null;
  statementRowsLoading: boolean;
  loadStatementRows(): Promise<void>;
  setNetworkSettings(patch: Partial<NetworkSettings>): void;
  /** Hand a file to the user (download). */
  offerFile(file: ExportResult): void;
  /** True while the statements CSV reads the article texts it needs. */
  statementsExporting: boolean;
  /**
   * Download the statements CSV of `rows`, with the code-point offsets filled: the texts of
   * their articles are read first (a few at a time).
   */
  exportStatementsCsv(network: Network, rows: readonly AnalysisRow[]): Promise<void>;
}

// Implemented by librarySlice.ts
export interface LibrarySlice {
  /** The summaries that have arrived, in library order (those added here while the rest arrives at the end). */
  articles: ArticleSummary[];
  /** Whether the first page has arrived (or failed to). */
  libraryLoaded: boolean;
  /**
   * While rows are still arriving: how many articles the library has (the service's count,
   * following what is added and deleted here meanwhile). Null once all of them are in `articles`.
   */
  libraryTotal: number | null;
  filter: string;
  checkedIds: readonly string[];
  libraryScroll: LibraryScroll | null;
  /** Show the first page as soon as it arrives; resolves once the rest has arrived too. */
  loadLibrary(): Promise<void>;
  setFilter(filter: string): void;
  toggleChecked(id: string): void;
  setChecked(ids: readonly string[]): void;
  rememberLibraryScroll(scroll: LibraryScroll): void;
  /** Replace (or add) one summary, e.g. after an edit was saved. */
  upsertSummary(summary: ArticleSummary): void;
  createArticle(input: NewArticle): Promise<boolean>;
  importTextFiles(files: readonly File[]): Promise<boolean>;
  previewJsonl(file: File): Promise<boolean>;
  commitJsonl(labelMapping: Record<string, string>): Promise<boolean>;
  exportJsonl(): Promise<boolean>;
  deleteArticle(id: string): Promise<boolean>;
}

/** Where the library's list was scrolled to, kept while an article is open so going back lands in the same place. */
export interface LibraryScroll {
  offset: number;
  /** The virtualiser's measured row sizes (opaque here), so rows come back at the heights they had. */
  measured: readonly unknown[];
}

// Implemented by team/teamSlice.ts
export type AssignInput = OperationInput<'assignArticles'>;

export interface PendingAcceptance {
  fileName: string;
  annotator: string;
  /** The articles the annotator was not assigned. */
  articleIds: string[];
  /** This file and the ones chosen after it, still to collect. */
  files: File[];
  /** The answers already given for this file (a label mapping asked first). */
  answered: CollectAnswers;
}

/** What the lead answered for the first of the files still to collect. */
export interface CollectAnswers {
  acceptUnassigned?: boolean;
  labelMapping?: Record<string, string>;
}

/** A package made with another label schema: which labels to map (or add) before collecting or opening it. */
export interface PendingLabelMapping {
  /** Collecting a work package (the lead), or opening an assignment package (the annotator). */
  action: 'collect' | 'open';
  fileName: string;
  annotator: string;
  /** The service's words: which labels differ and how. */
  message: string;
  labels: { id: string; name: string }[];
  files: File[];
  answered: CollectAnswers;
}

export interface TeamSlice {
  teamStatus: TeamStatus | null;
  /** What a team operation is doing now ("Collecting ann-work.wbpkg…"), or null. */
  teamBusy: string | null;
  agreement: AgreementReport | null;
  /** A work package holds work its annotator was not assigned: take it or skip it? */
  pendingAcceptance: PendingAcceptance | null;
  /** A work package was coded with another label schema: map its labels, or skip it? */
  pendingLabelMapping: PendingLabelMapping | null;
  /** The assignment packages made last, each offered for download (base64 content). */
  madePackages: { fileName: string; annotator: string; articles: number; content: string }[];
  downloadPackage(fileName: string): void;
  /** Entities annotators proposed (their collected spans link to them), with the lead's decisions. */
  proposals: OperationOutput<'listEntityProposals'>;
  loadProposals(): Promise<void>;
  decideProposal(entityId: string, decision: ProposalDecision): Promise<void>;
  /** Article id -> curation progress, for articles with collected layers. */
  curationProgress: Readonly<Record<string, CurationProgress>>;
  loadCurationProgress(): Promise<void>;
  loadTeamStatus(): Promise<void>;
  /** Make the packages, kept in madePackages to download one by one; false (error shown) when refused. */
  assignArticles(input: AssignInput): Promise<boolean>;
  openAssignmentPackage(file: File): Promise<void>;
  exportWork(): Promise<void>;
  collectWork(files: readonly File[]): Promise<void>;
  answerAcceptance(take: boolean): Promise<void>;
  /** Collect the pending package with this mapping (package label id -> workspace label id or 'add'), or skip it (null). */
  answerLabelMapping(mapping: Record<string, string> | null): Promise<void>;
  computeAgreement(): Promise<void>;
  /** Open the article and select the range (a disagreement's place). */
  goToRange(articleId: string, range: { start: number; end: number }): Promise<void>;
}
