/**
 * The Team screen: what this workspace did in team work (assignments made, packages opened, work
 * collected), the lead's and the annotator's actions, and the agreement report over the
 * collected layers with every disagreement one click from its place in the article. Each action
 * is a team operation (team/teamSlice.ts); docs/teams.md explains the flow and every number.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { AgreementReport } from '../../../shared/agreement/agreement';
import type { Disagreement } from '../../../shared/agreement/disagreements';
import { reportRows } from '../../../shared/agreement/reportTable';
import { useWorkbench, useWorkbenchStore } from '../store/StoreContext';
import { LabelMappingQuestion } from './LabelMappingQuestion';
import './team.css';

const SHOWN_DISAGREEMENTS = 200;
const articles = (n: number) => `${n} ${n === 1 ? 'article' : 'articles'}`;

function FilePicker({ label, multiple, onFiles, disabled }: { label: string; multiple?: boolean; onFiles: (files: File[]) => void; disabled: boolean }) {
  const id = useId();
  return (
    <div className="team-file">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept=".wbpkg"
        multiple={multiple}
        disabled={disabled}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}

function AssignForm({ disabled }: { disabled: boolean }) {
  const store = useWorkbenchStore();
  const defaultLead = useWorkbench((s) => s.workspace?.settings.annotator ?? '');
  const [annotators, setAnnotators] = useState('');
  const [lead, setLead] = useState(defaultLead);
  const [share, setShare] = useState('');
  const [seed, setSeed] = useState('1');
  // The library's checked articles, when some are checked: assign only those, or every article.
  const checked = useWorkbench((s) => s.checkedIds);
  const [onlyChecked, setOnlyChecked] = useState(checked.length > 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const names = annotators
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    void store.getState().assignArticles({
      annotators: names,
      lead: lead.trim(),
      seed: Number(seed) || 0,
      ...(share.trim() !== '' ? { doubleCodedPercent: Number(share) } : {}),
      ...(onlyChecked && checked.length ? { articleIds: [...checked] } : {}),
    });
  };
  return (
    <form className="team-form" aria-label="Assign articles" onSubmit={submit}>
      <label>
        Annotators (comma-separated)
        <input value={annotators} onChange={(e) => setAnnotators(e.target.value)} placeholder="ann, bob, cy" required />
      </label>
      <label>
        Your name as lead
        <input value={lead} onChange={(e) => setLead(e.target.value)} required />
      </label>
      <label>
        Double-coded share (%)
        <input value={share} onChange={(e) => setShare(e.target.value)} inputMode="decimal" placeholder="empty: everyone codes everything" />
      </label>
      <label>
        Seed
        <input value={seed} onChange={(e) => setSeed(e.target.value)} inputMode="numeric" />
      </label>
      {checked.length > 0 && (
        <label className="team-check">
          <input type="checkbox" checked={onlyChecked} onChange={(e) => setOnlyChecked(e.target.checked)} />
          Only the {checked.length} {checked.length === 1 ? 'article' : 'articles'} checked in the library (else every article)
        </label>
      )}
      <button type="submit" className="button primary" disabled={disabled}>
        Make assignment packages
      </button>
    </form>
  );
}

const shown = (value: number | string) => (typeof value === 'number' ? value.toFixed(3) : value);

function AgreementTable({ report }: { report: AgreementReport }) {
  const rows = useMemo(() => reportRows(report), [report]);
  return (
    <table className="team-table" aria-label="Agreement coefficients">
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">Label</th>
          <th scope="col">Annotators</th>
          <th scope="col">Articles</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{r.measure}</td>
            <td>{r.label || 'all'}</td>
            <td>{String(r.annotators).replace('+', ' / ')}</td>
            <td>{r.articles}</td>
            <td title={String(r.undefined_because) || undefined}>{r.value === '' ? `undefined (${r.undefined_because})` : shown(r.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function describeDisagreement(d: Disagreement): string {
  if (d.kind === 'span')
    return Object.entries(d.spans)
      .map(([who, spans]) => `${who}: ${spans.length ? spans.map((s) => `${s.labelId} ${s.start}–${s.end}`).join(', ') : 'nothing'}`)
      .join('; ');
  return `${d.unit}: ${Object.entries(d.values)
    .map(([who, v]) => `${who} ${v}`)
    .join(', ')}`;
}

function Disagreements({ report }: { report: AgreementReport }) {
  const store = useWorkbenchStore();
  const list = report.disagreements.slice(0, SHOWN_DISAGREEMENTS);
  return (
    <section aria-labelledby="team-disagreements">
      <h3 id="team-disagreements">
        Disagreements ({report.disagreements.length.toLocaleString('en')}
        {report.disagreements.length > SHOWN_DISAGREEMENTS ? `, first ${SHOWN_DISAGREEMENTS} shown` : ''})
      </h3>
      <ul className="team-disagreements">
        {list.map((d, i) => (
          <li key={i}>
            <button type="button" className="link-button" onClick={() => void store.getState().goToRange(d.articleId, d.range)}>
              Go to {d.kind} disagreement in {d.articleId} at {d.range.start}–{d.range.end}
            </button>
            <span className="muted small"> {describeDisagreement(d)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Proposals() {
  const store = useWorkbenchStore();
  const proposals = useWorkbench((s) => s.proposals);
  const registry = useWorkbench((s) => s.entities);
  const busy = useWorkbench((s) => s.teamBusy);
  const [into, setInto] = useState<Record<string, string>>({});
  if (!proposals.length) return null;
  return (
    <section aria-labelledby="team-proposals" className="team-agreement">
      <h2 id="team-proposals">Proposed entities</h2>
      <ul className="team-list" aria-label="Proposed entities">
        {proposals.map((p) => {
          const same = registry.filter((e) => e.kind === p.entity.kind);
          const target = into[p.entity.id] ?? same[0]?.id ?? '';
          const decided = p.decision
            ? p.decision.decision === 'merged'
              ? `merged into ${registry.find((e) => e.id === (p.decision as { into: string }).into)?.name ?? 'an entry'}`
              : p.decision.decision
            : null;
          return (
            <li key={p.entity.id} aria-label={`${p.entity.kind} ${p.entity.name}`}>
              <strong>{p.entity.name}</strong> <span className="muted small">({p.entity.kind}, from {p.annotators.join(', ')}, {articles(p.articles)})</span>{' '}
              {decided ? (
                <span className="small">: {decided}</span>
              ) : (
                <span className="team-proposal-actions">
                  <button type="button" className="button ghost small" disabled={busy !== null} onClick={() => void store.getState().decideProposal(p.entity.id, { decision: 'accepted' })}>
                    Accept {p.entity.name}
                  </button>
                  <button type="button" className="button ghost small" disabled={busy !== null} onClick={() => void store.getState().decideProposal(p.entity.id, { decision: 'rejected' })}>
                    Reject {p.entity.name}
                  </button>
                  {same.length > 0 && (
                    <>
                      <select aria-label={`Merge ${p.entity.name} into`} value={target} onChange={(e) => setInto({ ...into, [p.entity.id]: e.target.value })}>
                        {same.map((e) => (
                          <option key={e.id} value={e.id}>
                            {e.name}
                          </option>
                        ))}
                      </select>
                      <button
                        type="button"
                        className="button ghost small"
                        disabled={busy !== null || !target}
                        onClick={() => void store.getState().decideProposal(p.entity.id, { decision: 'merged', into: target })}
                      >
                        Merge {p.entity.name}
                      </button>
                    </>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function TeamView() {
  const store = useWorkbenchStore();
  const status = useWorkbench((s) => s.teamStatus);
  const busy = useWorkbench((s) => s.teamBusy);
  const report = useWorkbench((s) => s.agreement);
  const pending = useWorkbench((s) => s.pendingAcceptance);
  const pendingMapping = useWorkbench((s) => s.pendingLabelMapping);
  const made = useWorkbench((s) => s.madePackages);
  useEffect(() => {
    const s = store.getState();
    void Promise.all([s.loadTeamStatus(), s.loadProposals(), s.loadEntities(true)]);
  }, [store]);
  const layered = status ? Object.keys(status.layerCounts).length : 0;

  return (
    <div className="team-view">
      <header className="view-header">
        <button type="button" className="button ghost back" onClick={() => store.getState().setScreen('main')}>
          <span aria-hidden="true">←</span> Back
        </button>
        <div className="view-title">
          <h1>Team</h1>
          <p className="muted small" role="status">
            {busy ??
              (status
                ? `${status.assignments.length} assignment packages made, ${status.opened.length} opened, ${status.collected.length} work packages collected; ${articles(layered)} with collected layers`
                : 'Loading…')}
          </p>
        </div>
      </header>

      <div className="team-columns">
        <section aria-labelledby="team-lead">
          <h2 id="team-lead">Lead</h2>
          <AssignForm disabled={busy !== null} />
          {made.length > 0 && (
            <ul className="team-list" aria-label="Packages to hand out">
              {made.map((p) => (
                <li key={p.fileName}>
                  <button type="button" className="link-button" onClick={() => store.getState().downloadPackage(p.fileName)}>
                    Download {p.fileName}
                  </button>{' '}
                  <span className="muted small">
                    for {p.annotator}, {p.articles} {p.articles === 1 ? 'article' : 'articles'}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <FilePicker label="Collect work packages" multiple disabled={busy !== null} onFiles={(files) => void store.getState().collectWork(files)} />
          {pendingMapping?.action === 'collect' && <LabelMappingQuestion key={`${pendingMapping.fileName}:${pendingMapping.labels.map((l) => l.id).join(',')}`} pending={pendingMapping} />}
          {pending && (
            <div role="alertdialog" aria-labelledby="team-pending" className="team-pending">
              <p id="team-pending">
                {pending.fileName}: {pending.annotator} was not assigned {pending.articleIds.length === 1 ? 'article' : 'articles'} {pending.articleIds.slice(0, 10).join(', ')}
                {pending.articleIds.length > 10 ? '…' : ''}. Take that work anyway?
              </p>
              <button type="button" className="button primary" onClick={() => void store.getState().answerAcceptance(true)}>
                Take the unassigned work
              </button>
              <button type="button" className="button ghost" onClick={() => void store.getState().answerAcceptance(false)}>
                Skip this package
              </button>
            </div>
          )}
          {status && status.assignments.length > 0 && (
            <h3 className="team-subheading">Assignments made</h3>
          )}
          {status && status.assignments.length > 0 && (
            <ul className="team-list" aria-label="Assignments made">
              {status.assignments.map((a) => (
                <li key={a.packageId}>
                  {a.annotator}: {articles(a.articles)} <span className="muted small">({new Date(a.createdAt).toLocaleString()})</span>
                </li>
              ))}
            </ul>
          )}
          {status && status.collected.length > 0 && (
            <h3 className="team-subheading">Work collected</h3>
          )}
          {status && status.collected.length > 0 && (
            <ul className="team-list" aria-label="Work collected">
              {status.collected.map((c) => (
                <li key={c.packageId}>
                  {c.annotator}: {articles(c.articles)} <span className="muted small">({new Date(c.collectedAt).toLocaleString()})</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="team-annotator">
          <h2 id="team-annotator">Annotator</h2>
          <FilePicker label="Open an assignment package" disabled={busy !== null} onFiles={([file]) => void store.getState().openAssignmentPackage(file)} />
          {pendingMapping?.action === 'open' && <LabelMappingQuestion key={`open:${pendingMapping.fileName}`} pending={pendingMapping} />}
          <button type="button" className="button" disabled={busy !== null || !status?.opened.length} onClick={() => void store.getState().exportWork()}>
            Export my work package
          </button>
          {status && status.opened.length > 0 && (
            <ul className="team-list" aria-label="Packages opened">
              {status.opened.map((o) => (
                <li key={o.packageId}>
                  from {o.lead} for {o.annotator}: {articles(o.articles)}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <Proposals />

      <section aria-labelledby="team-agreement" className="team-agreement">
        <h2 id="team-agreement">Agreement</h2>
        <button type="button" className="button" disabled={busy !== null || layered === 0} onClick={() => void store.getState().computeAgreement()}>
          Compute agreement
        </button>
        {report && (
          <>
            <p className="muted small">
              {report.annotators.join(', ')}: {articles(report.articles.total)} coded, {report.articles.compared} compared, {report.articles.codedByAll} coded by all
            </p>
            <AgreementTable report={report} />
            <Disagreements report={report} />
          </>
        )}
      </section>
    </div>
  );
}
