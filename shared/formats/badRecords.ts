/**
 * Bad records in imported files, one rule for every codec. A bad span (reversed, empty, past
 * the end of the text, splitting a surrogate pair, a duplicate id) or a record that refers to a
 * span the article does not have is an error naming the file and the line or record, unless the
 * user asked to skip bad records (`skipBadRecords`). Then each skip is reported in the import's
 * warnings, and so is every statement dropped because a span it uses was skipped: nothing is
 * left out silently.
 *
 * Codecs call `reject` for what they cannot even read (an offset outside the text in the file's
 * own unit), and `screenArticle` on each article they built, which applies the domain's span
 * rule (shared/domain/articleInvariants.ts) to the spans, already in UTF-16 code units.
 */
import { spanExtentProblem } from '../domain/articleInvariants';
import type { FormatOptions } from './formatNames';
import { FormatError, type ImportedArticle, type ImportedStatement } from './codec';
import type { WarningLog } from './warnings';

export class BadRecordPolicy {
  constructor(
    private readonly warnings: WarningLog,
    readonly skip: boolean,
  ) {}

  static of(options: Pick<FormatOptions, 'skipBadRecords'>, warnings: WarningLog): BadRecordPolicy {
    return new BadRecordPolicy(warnings, options.skipBadRecords === true);
  }

  /** A bad record: throws a FormatError, or (when skipping) reports the skip. The caller leaves the record out when this returns. */
  reject(file: string, location: string | undefined, problem: string): void {
    this.refuseOrReport(new FormatError(file, location, problem));
  }

  /**
   * Read one record with `read`, which throws a FormatError naming what is wrong with it: the
   * error stands unless skipping; then it is reported and undefined returned (the record is left out).
   */
  guard<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (e) {
      this.caught(e);
      return undefined;
    }
  }

  /**
   * What `guard` does with what its reader threw, for a reader that catches by itself (brat
   * reads every line of a corpus, without a closure each): anything but a FormatError is thrown
   * on; a FormatError stands unless skipping, then it is reported (the caller leaves the record out).
   */
  caught(e: unknown): void {
    if (!(e instanceof FormatError)) throw e;
    this.refuseOrReport(e);
  }

  private refuseOrReport(error: FormatError): void {
    if (!this.skip) throw error;
    this.warnings.add(`skipped (bad record): ${error.message}`);
  }

  /** A record left out because a record it depends on was skipped (only reachable when skipping). */
  dropped(place: Place, reason: string): void {
    this.warnings.add(`skipped: ${new FormatError(place.file, place.location, reason).message}`);
  }
}

/** Where a record is written: the file, and the line, JSON path or annotation id in it. */
export interface Place {
  file: string;
  location?: string;
}

export interface ArticleLocations {
  /** Where span `i` (of `article.spans`) is written. */
  span(i: number): Place;
  /** Where statement `i` is written (formats that build statements from relations: the record). */
  statement(i: number): Place;
  /** Ids of spans the codec already rejected while reading: statements using them are dropped, not "unknown". */
  skippedSpanIds?: ReadonlySet<string>;
}

/**
 * The article without its bad spans and the statements that depend on them: each span must keep
 * the domain's span rule and have an id of its own; each statement must refer to spans of the
 * article. Every problem goes through `policy` (an error, or a reported skip), in file order.
 */
export function screenArticle(article: ImportedArticle, policy: BadRecordPolicy, where: ArticleLocations): ImportedArticle {
  const skipped = new Set(where.skippedSpanIds);
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  const spans = article.spans.filter((s, i) => {
    const problem = spanExtentProblem(article.text, s);
    const name = s.id !== undefined ? `span ${s.id}` : `span "${s.label}" ${s.start}-${s.end}`;
    if (problem) {
      policy.reject(where.span(i).file, where.span(i).location, `${name} ${problem}`);
      if (s.id !== undefined) skipped.add(s.id);
      return false;
    }
    if (s.id === undefined) return true;
    if (seen.has(s.id)) {
      // Which of the two a statement meant cannot be known, so neither is guessed.
      policy.reject(where.span(i).file, where.span(i).location, `${name} (${s.start}-${s.end}) has the id of an earlier span`);
      duplicated.add(s.id);
      return false;
    }
    seen.add(s.id);
    return true;
  });
  const statements = article.statements.filter((st, i) => {
    const refs: [string, string | undefined][] = [['actor', st.actorSpanId], ['claim', st.claimSpanId], ['stance', st.stanceSpanId]];
    for (const [role, ref] of refs) {
      if (ref === undefined) continue;
      const name = statementName(st);
      if (duplicated.has(ref)) {
        policy.dropped(where.statement(i), `${name} was dropped: its ${role} span id ${ref} is used by two spans`);
        return false;
      }
      if (skipped.has(ref)) {
        policy.dropped(where.statement(i), `${name} was dropped: its ${role} span ${ref} was skipped`);
        return false;
      }
      if (!seen.has(ref)) {
        policy.reject(where.statement(i).file, where.statement(i).location, `${name} refers to ${role} span ${ref}, which the article does not have`);
        return false;
      }
    }
    return true;
  });
  return spans.length === article.spans.length && statements.length === article.statements.length ? article : { ...article, spans, statements };
}

function statementName(st: ImportedStatement): string {
  return st.id !== undefined ? `statement ${st.id}` : `the statement ${st.actorSpanId} → ${st.claimSpanId}`;
}
