/**
 * The team operations of the API contract (issue 11, docs/teams.md): assignment and work
 * packages, collected layers, agreement. Kept beside contract.ts, which spreads them into the one
 * operations table, so the renderer's Team dialog and screens use the same checked calls as the rest.
 * Package files travel as ImportFile (inline base64, or uploaded in chunks before) and come back
 * base64, like exports.
 */
import { z } from 'zod';
import type { AgreementReport } from '../agreement/agreement';
import type { SpanPlaceIndexes } from '../agreement/curation';
import { AnnotatorNameSchema } from '../domain/annotatorName';
import { CollectedSpanSchema, CollectedStatementSchema } from '../domain/layers';
import { ArticleStatusSchema, EntitySchema, IdSchema, IsoTimestampSchema } from '../domain/model';

export const ProposalDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accepted') }),
  z.object({ decision: z.literal('rejected') }),
  z.object({ decision: z.literal('merged'), into: IdSchema }),
]);
export type ProposalDecision = z.infer<typeof ProposalDecisionSchema>;

export const TeamStatusSchema = z.object({
  /** This workspace's team id, once it assigned work. */
  workspaceId: IdSchema.optional(),
  /** Assignment packages opened here (the annotator's side). */
  opened: z.array(z.object({ packageId: IdSchema, lead: AnnotatorNameSchema, annotator: AnnotatorNameSchema, articles: z.number().int() })),
  /** Assignment packages made here (the lead's side). */
  assignments: z.array(z.object({ packageId: IdSchema, annotator: AnnotatorNameSchema, createdAt: IsoTimestampSchema, articles: z.number().int() })),
  /** Work packages collected here. */
  collected: z.array(z.object({ packageId: IdSchema, annotator: AnnotatorNameSchema, collectedAt: IsoTimestampSchema, articles: z.number().int() })),
  /** Article id -> how many annotator layers were collected for it. */
  layerCounts: z.record(IdSchema, z.number().int()),
});
export type TeamStatus = z.infer<typeof TeamStatusSchema>;

export const CurationProgressSchema = z.object({
  layers: z.number().int(),
  /** Places where the annotators' spans differ. */
  places: z.number().int(),
  /** Of those, not yet decided. */
  open: z.number().int(),
});
export type CurationProgress = z.infer<typeof CurationProgressSchema>;

/** An article's collected layer as the page gets it: its spans and statements without the annotator and times each would repeat (layers.ts). */
export const ArticleLayerSchema = z.object({
  annotator: AnnotatorNameSchema,
  revision: z.number().int().nonnegative(),
  status: ArticleStatusSchema,
  updatedAt: IsoTimestampSchema,
  collectedAt: IsoTimestampSchema,
  spans: z.array(CollectedSpanSchema),
  statements: z.array(CollectedStatementSchema),
  entities: z.array(EntitySchema),
});
export type ArticleLayer = z.infer<typeof ArticleLayerSchema>;

/**
 * Where the annotators' spans differ, as positions in the sent layers' span lists
 * (shared/agreement/curation.ts `SpanPlaceIndexes`): computed by the service over the layers that
 * code the article, so the Curation tab does not walk every span while the article opens.
 */
export const SpanPlaceIndexesSchema = z.object({
  annotators: z.array(AnnotatorNameSchema),
  agreedFrom: z.string(),
  agreed: z.array(z.number().int().nonnegative()),
  items: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), options: z.array(z.array(z.number().int().nonnegative())) })),
}) satisfies z.ZodType<SpanPlaceIndexes>;

const PackageFileSchema = z.object({ fileName: z.string(), content: z.string(), encoding: z.literal('base64') });

export const AssignRequestSchema = z
  .object({
    annotators: z.array(AnnotatorNameSchema).min(1).max(100),
    lead: AnnotatorNameSchema,
    articleIds: z.array(IdSchema).min(1).optional(),
    /** Percent of the articles coded by two annotators (the rest by one); absent: everyone codes everything. */
    doubleCodedPercent: z.number().min(0).max(100).optional(),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
  })
  .strict();

/**
 * Nothing was written: the package was made with another label schema. `labels` are the package
 * labels to answer for (call again with labelMapping: each id onto a workspace label id, or 'add').
 */
const NeedsLabelMappingSchema = z.object({
  status: z.literal('needsLabelMapping'),
  annotator: AnnotatorNameSchema,
  /** The differences in words. */
  message: z.string(),
  labels: z.array(z.object({ id: IdSchema, name: z.string() })),
});

/** Package label id -> workspace label id or 'add' (after a needsLabelMapping answer). */
const LabelMappingInputSchema = z.record(IdSchema, z.string().max(200));

export const OpenPackageResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('opened'),
    packageId: IdSchema,
    lead: AnnotatorNameSchema,
    added: z.number().int(),
    kept: z.number().int(),
    unchanged: z.boolean(),
    /** Labels added to the workspace's schema (the annotator's answer 'add'). */
    labelsAdded: z.array(IdSchema),
    warnings: z.array(z.string()),
  }),
  NeedsLabelMappingSchema,
]);
export type OpenPackageResult = z.infer<typeof OpenPackageResultSchema>;

export const CollectResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('collected'),
    annotator: AnnotatorNameSchema,
    packageId: IdSchema,
    written: z.number().int(),
    unchanged: z.number().int(),
    unassignedAccepted: z.number().int(),
    /** Entities the layers link to that the registry lacks or has otherwise. */
    proposals: z.array(EntitySchema),
    /** Labels the lead chose to add to the workspace's schema (ids). */
    labelsAdded: z.array(IdSchema),
    /** Workspace labels the annotator's schema lacked: nothing of theirs carries them (ids). */
    workspaceOnlyLabels: z.array(IdSchema),
  }),
  /** Nothing was written: the annotator was not assigned these articles; ask, then call again with acceptUnassigned. */
  z.object({ status: z.literal('needsAcceptance'), annotator: AnnotatorNameSchema, articleIds: z.array(IdSchema), message: z.string() }),
  NeedsLabelMappingSchema,
]);
export type CollectResult = z.infer<typeof CollectResultSchema>;

/** Built from the schemas in this file and the file schema contract.ts defines (passed in to avoid a cycle). */
export function teamOperations<F extends z.ZodType>(ImportFileSchema: F) {
  const op = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
  return {
    getTeamStatus: op(z.object({}).strict(), TeamStatusSchema),
    /**
     * The annotator layers collected for an article (the own layer is the article itself), and the
     * span places of those that code it (`codedAnything`); absent from a client that does not compute them.
     */
    listArticleLayers: op(
      z.object({ articleId: IdSchema }).strict(),
      z.object({ layers: z.array(ArticleLayerSchema), spanPlaces: SpanPlaceIndexesSchema.optional() }),
    ),
    /** Agreement over the collected layers (shared/agreement); the report is computed, not stored. */
    computeAgreement: op(
      z
        .object({
          annotators: z.array(AnnotatorNameSchema).min(1).optional(),
          articleIds: z.array(IdSchema).min(1).optional(),
          labels: z.array(IdSchema).min(1).optional(),
        })
        .strict(),
      z.custom<AgreementReport>(),
    ),
    assignArticles: op(
      AssignRequestSchema,
      z.object({ packages: z.array(PackageFileSchema.extend({ annotator: AnnotatorNameSchema, packageId: IdSchema, articles: z.number().int() })), doubleCoded: z.number().int() }),
    ),
    openAssignmentPackage: op(
      z.object({ file: ImportFileSchema, labelMapping: LabelMappingInputSchema.optional() }).strict(),
      OpenPackageResultSchema,
    ),
    exportWorkPackage: op(
      z.object({ lead: AnnotatorNameSchema.optional() }).strict(),
      PackageFileSchema.extend({ annotator: AnnotatorNameSchema, lead: AnnotatorNameSchema, articles: z.number().int(), packageId: IdSchema }),
    ),
    collectWorkPackage: op(
      z
        .object({
          file: ImportFileSchema,
          acceptUnassigned: z.boolean().default(false),
          labelMapping: LabelMappingInputSchema.optional(),
          /** Add to the schema every package label that differs and labelMapping does not answer. */
          addUnknownLabels: z.boolean().default(false),
        })
        .strict(),
      CollectResultSchema,
    ),
    /** Entities annotators' collected spans link to that the registry lacks, with the lead's decision where made. */
    listEntityProposals: op(
      z.object({}).strict(),
      z.array(z.object({ entity: EntitySchema, annotators: z.array(AnnotatorNameSchema), articles: z.number().int(), decision: ProposalDecisionSchema.optional() })),
    ),
    /** Accept (into the registry), merge into an existing entry, or reject a proposed entity. */
    decideEntityProposal: op(z.object({ entityId: IdSchema, decision: ProposalDecisionSchema }).strict(), z.object({ entityId: IdSchema })),
    /** Per article with collected layers: how many places the annotators disagree on, and how many are still to decide in curation. */
    getCurationProgress: op(z.object({}).strict(), z.object({ articles: z.record(IdSchema, CurationProgressSchema) })),
  };
}
