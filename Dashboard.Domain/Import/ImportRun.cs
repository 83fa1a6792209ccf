using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Domain.Access;
using Dashboard.Domain.Audit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Quality;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dashboard.Domain.Import;

/// <summary>
/// One import: validates the rows, decides what happens to each (<see cref="PlanAsync"/>), and writes the decisions
/// (<see cref="WriteAsync"/>) in the caller's transaction. A dry run stops after planning, so it reports exactly what
/// the commit would do.
/// </summary>
internal sealed partial class ImportRun(
    DashboardDbContext db,
    Actor actor,
    ImportRequest request,
    string fileName,
    ImportTable table,
    IReadOnlyList<ImportColumn> columns,
    ImportLookups lookups,
    Guid defaultOwnerId,
    string phoneRegion,
    int bulkThreshold,
    TimeProvider clock,
    IProgress<ImportProgress>? progress)
{
    /// <summary>Cards saved per SaveChanges; all batches share the one transaction.</summary>
    public const int BatchSize = 500;

    private const int KeyQueryChunk = 5_000;
    private const int ProgressStep = 500;

    private readonly List<RowPlan> _rows = [];
    private readonly Dictionary<Guid, CardTarget> _existing = [];
    private readonly DateTime _now = clock.GetUtcNow().UtcDateTime;

    public List<string> Warnings { get; } = [];

    /// <summary>The changes to publish once the transaction committed.</summary>
    public List<CardChange> Changes { get; } = [];

    /// <summary>Decides each valid row's fate against the cards in the database; call after <see cref="Validate"/>.</summary>
    public async Task PlanAsync(CancellationToken ct)
    {
        var candidates = await LoadExistingAsync(ct);
        Decide(candidates, ct);
        await PlanUpdatesAsync(ct);
        if (request.DuplicateMode == DuplicateMode.Update && columns.Any(c => c.Field == nameof(CardColumn.Stage)))
        {
            Warnings.Add("An import does not change the stage of an existing card; the Stage column is used only for new cards.");
        }
    }

    /// <summary>Reads and validates every row with the card form's rules, on all cores; touches no database.</summary>
    public void Validate(CancellationToken ct)
    {
        var reader = new ImportRowReader(columns, lookups, defaultOwnerId, request.DefaultRegion);
        var contexts = new ConcurrentDictionary<Guid, CardValidationContext>();
        var today = DateOnly.FromDateTime(_now);
        var plans = new RowPlan[table.Rows.Count];
        var done = 0;
        progress?.Report(new ImportProgress(ImportPhases.Validating, 0, plans.Length));
        // Blocking keys are compared as the keyed hashes they are stored as (ProtectedColumns).
        var protector = db.Protector;
        Parallel.For(0, plans.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var row = reader.Read(table.Rows[i]);
            var ownerId = row.Draft.OwnerId ?? defaultOwnerId;
            var context = contexts.GetOrAdd(ownerId, id => new CardValidationContext(
                phoneRegion, lookups.ListItems, lookups.Tags, lookups.CustomFields, lookups.Staff.GetValueOrDefault(id), new HashSet<int>(), new HashSet<int>())
            {
                Today = today,
            });
            var (values, errors) = CardDraftValidator.Validate(row.Draft, context);
            row.Issues.AddRange(reader.Issues(row, errors));
            var plan = new RowPlan(row) { NonInitialStage = !LifecycleRules.IsValidInitial(row.Draft.Stage) };
            if (values is not null && row.Draft.OwnerId != defaultOwnerId && !ImportAccess.CanAssignTo(actor, values.Owner.Id, values.Owner.TeamId))
            {
                row.Issues.AddRange(reader.Issues(row, [new FieldError(nameof(CardDraft.OwnerId), "owner.forbidden", "You can assign cards only to yourself or members of your team.")]));
            }

            if (row.Issues.Count == 0 && values is not null)
            {
                row.Values = values;
                plan.Features = MatchFeatures.From(new MatchProfile(
                    values.Kind, values.Name, values.Company, values.Address, values.Postcode, values.DateOfBirth,
                    [.. values.ContactPoints.Where(p => p.Kind == ContactKind.Phone).Select(p => p.Value)],
                    [.. values.ContactPoints.Where(p => p.Kind == ContactKind.Email).Select(p => p.Value)]));
                plan.Keys = [.. MatchKeys.For(plan.Features).Select(protector.Hash)];
            }

            plans[i] = plan;
            var count = Interlocked.Increment(ref done);
            if (count % ProgressStep == 0)
            {
                progress?.Report(new ImportProgress(ImportPhases.Validating, count, plans.Length));
            }
        });
        _rows.AddRange(plans);
        progress?.Report(new ImportProgress(ImportPhases.Validating, plans.Length, plans.Length));
    }

    /// <summary>
    /// The existing cards in the importer's scope that share a blocking key with a valid row, by key. Keys shared by
    /// more than <see cref="DuplicateScanner.MaxBlockSize"/> cards tell nobody apart and are left out, as in the scan.
    /// Cards whose stored keys are missing or outdated (written in bulk) get theirs computed here.
    /// </summary>
    private async Task<Dictionary<string, ExistingBlock>> LoadExistingAsync(CancellationToken ct)
    {
        var wanted = _rows.SelectMany(r => r.Keys).ToHashSet(StringComparer.Ordinal);
        progress?.Report(new ImportProgress(ImportPhases.Matching, 0, _rows.Count));
        var cardsByKey = new Dictionary<string, List<Guid>>(StringComparer.Ordinal);
        if (await db.CardMatchKeys.CountAsync(ct) <= wanted.Count)
        {
            // Fewer stored keys than the file has: reading them all is faster than looking each of the file's up.
            await foreach (var pair in db.CardMatchKeys.AsNoTracking().Select(k => new { k.Key, k.CardId }).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (wanted.Contains(pair.Key))
                {
                    Add(cardsByKey, pair.Key, pair.CardId);
                }
            }
        }
        else
        {
            foreach (var chunk in wanted.Chunk(KeyQueryChunk))
            {
                var found = await db.CardMatchKeys.AsNoTracking().Where(k => chunk.Contains(k.Key)).Select(k => new { k.Key, k.CardId }).ToListAsync(ct);
                foreach (var pair in found)
                {
                    Add(cardsByKey, pair.Key, pair.CardId);
                }
            }
        }

        var scope = db.Cards.Where(ImportAccess.CardsInScope(actor)).Where(c => c.MergedIntoId == null);
        var features = new Dictionary<Guid, (long Number, MatchFeatures Features)>();
        foreach (var (id, number, stale) in await DuplicateScanner.LoadAsync(db, scope.Where(c => c.MatchKeysVersion != MatchKeys.Version), ct))
        {
            features[id] = (number, stale);
            foreach (var key in MatchKeys.For(stale).Select(db.Protector.Hash).Where(wanted.Contains))
            {
                Add(cardsByKey, key, id);
            }
        }

        var ids = cardsByKey.Values.Where(c => c.Count <= DuplicateScanner.MaxBlockSize).SelectMany(c => c).Where(id => !features.ContainsKey(id)).Distinct().ToList();
        foreach (var chunk in ids.Chunk(KeyQueryChunk))
        {
            foreach (var (id, number, card) in await DuplicateScanner.LoadAsync(db, scope.Where(c => chunk.Contains(c.Id)), ct))
            {
                features[id] = (number, card);
            }
        }

        foreach (var (id, (number, card)) in features)
        {
            _existing[id] = CardTarget.Existing(id, number, card);
        }

        // Only cards in scope were loaded: a key's other cards count towards its block but are not compared.
        return cardsByKey.ToDictionary(
            k => k.Key,
            k => new ExistingBlock(k.Value.Count, k.Value.Count > DuplicateScanner.MaxBlockSize ? [] : [.. k.Value.Select(_existing.GetValueOrDefault).OfType<CardTarget>()]),
            StringComparer.Ordinal);

        static void Add(Dictionary<string, List<Guid>> map, string key, Guid id)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = [];
            }

            if (!list.Contains(id))
            {
                list.Add(id);
            }
        }
    }

    /// <summary>
    /// Compares each valid row with the existing cards and the earlier rows sharing a key (on all cores), then, in file
    /// order, applies the duplicate mode to the best match: an existing card wins a tie, and an earlier row counts only
    /// if it was itself imported or matched. A key shared by more than <see cref="DuplicateScanner.MaxBlockSize"/> rows
    /// and cards tells nobody apart and is not used, as in the batch scan.
    /// </summary>
    private void Decide(Dictionary<string, ExistingBlock> existingByKey, CancellationToken ct)
    {
        var rowsByKey = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _rows.Count; i++)
        {
            foreach (var key in _rows[i].Keys)
            {
                if (!rowsByKey.TryGetValue(key, out var list))
                {
                    rowsByKey[key] = list = [];
                }

                list.Add(i);
            }
        }

        bool Usable(string key) => rowsByKey[key].Count + (existingByKey.GetValueOrDefault(key)?.Count ?? 0) <= DuplicateScanner.MaxBlockSize;

        var matches = new List<(double Score, MatchResult Match, CardTarget? Card, int Row)>?[_rows.Count];
        var done = 0;
        Parallel.For(0, _rows.Count, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var plan = _rows[i];
            if (plan.IsValid)
            {
                var found = new List<(double, MatchResult, CardTarget?, int)>();
                var seenCards = new HashSet<Guid>();
                var seenRows = new HashSet<int>();
                foreach (var key in plan.Keys.Where(Usable))
                {
                    foreach (var card in existingByKey.GetValueOrDefault(key)?.Cards ?? [])
                    {
                        if (seenCards.Add(card.Id) && MatchScorer.Match(plan.Features!, card.Features!) is { } match)
                        {
                            found.Add((match.Score + 1e-9, match, card, -1));
                        }
                    }

                    foreach (var j in rowsByKey[key].TakeWhile(j => j < i))
                    {
                        if (seenRows.Add(j) && MatchScorer.Match(plan.Features!, _rows[j].Features!) is { } match)
                        {
                            found.Add((match.Score, match, null, j));
                        }
                    }
                }

                matches[i] = found.Count == 0 ? null : [.. found.OrderByDescending(m => m.Item1).ThenBy(m => m.Item4)];
            }

            var count = Interlocked.Increment(ref done);
            if (count % ProgressStep == 0)
            {
                progress?.Report(new ImportProgress(ImportPhases.Matching, count, _rows.Count));
            }
        });

        for (var i = 0; i < _rows.Count; i++)
        {
            if (!_rows[i].IsValid)
            {
                continue;
            }

            // The best match whose card is known: an existing card, or an earlier row that was imported or matched one.
            var best = matches[i]?.Select(m => m.Card is not null ? (m.Card, m.Match, (int?)null)
                    : _rows[m.Row].Target is { } target && _rows[m.Row].Action != ImportRowAction.Invalid ? (target, m.Match, _rows[m.Row].Row.Source.Row) : default)
                .FirstOrDefault(m => m.Item1 is not null);
            Apply(_rows[i], best is { Item1: not null } found ? (found.Item1, found.Item2, found.Item3) : null);
        }

        progress?.Report(new ImportProgress(ImportPhases.Matching, _rows.Count, _rows.Count));
    }

    private void Apply(RowPlan plan, (CardTarget Target, MatchResult Match, int? Row)? best)
    {
        var mode = best is null ? DuplicateMode.Create : request.DuplicateMode;
        if (best is { } found)
        {
            plan.Match = found.Match;
            plan.DuplicateOfRow = found.Row;
        }

        switch (mode)
        {
            case DuplicateMode.Skip:
                plan.Action = ImportRowAction.Skip;
                plan.Target = best!.Value.Target;
                return;
            case DuplicateMode.Update:
                plan.Action = ImportRowAction.Update;
                plan.Target = best!.Value.Target;
                plan.Target.Updates.Add(plan);
                return;
        }

        if (plan.NonInitialStage)
        {
            plan.Row.Issues.Add(new ImportIssue(plan.Row.Source.Row, plan.Row.Columns.TryGetValue(nameof(CardDraft.Stage), out var i) ? columns[i].Header : null,
                plan.Row.Columns.TryGetValue(nameof(CardDraft.Stage), out var j) ? plan.Row.Source.Fields[j] : null, "stage.initial", "A new card starts as Prospect or New."));
            plan.Action = ImportRowAction.Invalid;
            return;
        }

        plan.Target = CardTarget.New(plan);
        plan.Target.Values = plan.Row.Values;
        if (mode == DuplicateMode.FlagForReview)
        {
            plan.Action = ImportRowAction.Flag;
            plan.Target.FlagWith = (best!.Value.Target, best.Value.Match);
        }
        else
        {
            plan.Action = ImportRowAction.Create;
        }
    }

    /// <summary>
    /// Works out each updated card's values: the card as saved (or as this import creates it) with every updating row
    /// applied in file order, validated like an edit. A card that would not change leaves its rows "unchanged".
    /// </summary>
    private async Task PlanUpdatesAsync(CancellationToken ct)
    {
        var updated = _existing.Values.Where(t => t.Updates.Count > 0).ToList();
        foreach (var chunk in updated.Chunk(BatchSize))
        {
            var ids = chunk.Select(t => t.ExistingId!.Value).ToList();
            var cards = await db.Cards
                .Include(c => c.ContactPoints).Include(c => c.Tags).Include(c => c.Interests)
                .Include(c => c.CustomFieldValues).ThenInclude(v => v.Field)
                .Include(c => c.Industry).Include(c => c.Region).Include(c => c.SourceChannel).Include(c => c.Owner)
                .AsSplitQuery()
                .Where(c => ids.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, ct);
            foreach (var target in chunk)
            {
                target.Entity = cards[target.ExistingId!.Value];
                if (!ImportAccess.CanUpdate(actor, target.Entity.OwnerId, target.Entity.TeamId))
                {
                    Refuse(target, "card.forbidden", $"{target.Code} is not a card of your team; it is not updated.");
                    continue;
                }

                Merge(target, target.Entity.ToDraft(), target.Entity);
            }
        }

        foreach (var target in _rows.Where(r => r.Action is ImportRowAction.Create or ImportRowAction.Flag).Select(r => r.Target!).Where(t => t.Updates.Count > 0))
        {
            Merge(target, ImportMerge.DraftOf(target.Values!, target.Creator!.Row.Draft.Stage), null);
        }
    }

    private void Merge(CardTarget target, CardDraft original, CustomerCard? existing)
    {
        var merged = CardDraftMerge.Clone(original);
        foreach (var row in target.Updates)
        {
            Warnings.AddRange(ImportMerge.Apply(merged, row.Row));
        }

        if (ImportMerge.SameDetails(original, merged))
        {
            target.Updates.ForEach(r => r.Action = ImportRowAction.Unchanged);
            return;
        }

        var context = new CardValidationContext(
            phoneRegion, lookups.ListItems, lookups.Tags, lookups.CustomFields, lookups.Staff.GetValueOrDefault(merged.OwnerId ?? defaultOwnerId),
            existing is null ? new HashSet<int>() : new[] { existing.IndustryId, existing.RegionId, existing.SourceChannelId }.OfType<int>().Concat(existing.Interests.Select(i => i.Id)).ToHashSet(),
            existing?.Tags.Select(t => t.Id).ToHashSet() ?? [])
        {
            Today = DateOnly.FromDateTime(_now),
        };
        var (values, errors) = CardDraftValidator.Validate(merged, context);
        if (values is null)
        {
            Refuse(target, "update.invalid", $"Together with the values {(existing is null ? "of the rows before it" : "the card already holds")} the card would not be valid: {string.Join(" ", errors.Select(e => e.Message))}");
            return;
        }

        target.Values = values;
        target.Changed = true;
    }

    private static void Refuse(CardTarget target, string code, string message)
    {
        foreach (var row in target.Updates)
        {
            row.Action = ImportRowAction.Invalid;
            row.Row.Issues.Add(new ImportIssue(row.Row.Source.Row, null, null, code, message));
        }

        target.Updates.Clear();
    }

    /// <summary>The existing cards sharing one key: how many there are in all, and those in scope when the block is small enough to compare.</summary>
    private sealed record ExistingBlock(int Count, List<CardTarget> Cards);

    /// <summary>The report of the run: counts, the cell errors of every row, the first rows as a preview.</summary>
    public ImportReport Report(TimeSpan elapsed, Guid? importId, bool committed)
    {
        var counts = Counts();
        var issues = table.Malformed.Concat(_rows.SelectMany(r => r.Row.Issues)).OrderBy(i => i.Row).ToList();
        var previewCount = Math.Clamp(request.PreviewRows, 0, ImportWorkflow.MaxPreviewRows);
        var preview = _rows.Select(r => new ImportPreviewRow(
                r.Row.Source.Row, r.Row.Source.Fields, r.Action, r.Target?.Code, r.Match is null ? null : Math.Round(r.Match.Score, 3), r.DuplicateOfRow))
            .Concat(table.Malformed.Select(m => new ImportPreviewRow(m.Row, [], ImportRowAction.Invalid, null, null, null)))
            .OrderBy(p => p.Row)
            .Take(previewCount)
            .ToList();
        IEnumerable<string> warnings = table.BlankRows > 0 ? [$"{table.BlankRows} blank rows were left out.", .. Warnings] : Warnings;

        return new ImportReport
        {
            ImportId = importId,
            FileName = fileName,
            Format = table.Format,
            Encoding = table.Encoding,
            Delimiter = table.Delimiter,
            Columns = columns,
            DuplicateMode = request.DuplicateMode,
            DryRun = request.DryRun,
            Committed = committed,
            RowsRead = counts.Read,
            Valid = counts.Read - counts.Invalid,
            Invalid = counts.Invalid,
            Created = counts.Created,
            Updated = counts.Updated,
            Unchanged = counts.Unchanged,
            Skipped = counts.Skipped,
            Flagged = counts.Flagged,
            Errors = issues,
            Warnings = [.. warnings.Distinct(StringComparer.Ordinal)],
            Preview = preview,
            ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 2),
        };
    }

    private (int Read, int Invalid, int Created, int Updated, int Unchanged, int Skipped, int Flagged) Counts()
    {
        int Count(ImportRowAction action) => _rows.Count(r => r.Action == action);
        var flagged = Count(ImportRowAction.Flag);
        return (_rows.Count + table.Malformed.Count, Count(ImportRowAction.Invalid) + table.Malformed.Count, Count(ImportRowAction.Create) + flagged,
            Count(ImportRowAction.Update), Count(ImportRowAction.Unchanged), Count(ImportRowAction.Skip), flagged);
    }
}
