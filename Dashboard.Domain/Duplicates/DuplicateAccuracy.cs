using System.Diagnostics;
using System.Text.RegularExpressions;
using Dashboard.Domain.Access;
using Dashboard.Domain.Import;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Duplicates;

/// <summary>Matching quality on a labelled file: candidate pairs against the true pairs.</summary>
public sealed record AccuracyFigures(int Records, int Imported, int TruePairs, int Candidates, int TrueCandidates, TimeSpan Elapsed)
{
    public double Precision => Candidates == 0 ? 0 : (double)TrueCandidates / Candidates;

    public double Recall => TruePairs == 0 ? 0 : (double)TrueCandidates / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>
/// Measures duplicate matching on a labelled CSV through the product's own path: rows become cards with
/// <see cref="CardImportService"/> (validation, normalisation, blocking keys), <see cref="DuplicateScanner"/> fills the
/// queue, and the queue's pairs are compared with the truth. Truth: rows sharing the entity column's value are one
/// entity (blank = unique); without an entity column, Febrl ids (<c>rec-N-org</c>, <c>rec-N-dup-M</c>) in any column.
/// Meant for an empty database.
/// </summary>
public sealed partial class DuplicateAccuracy(IDbContextFactory<DashboardDbContext> dbFactory, StaffDirectory staff, CardImportService import, DuplicateScanner scanner)
{
    /// <param name="defaultRegion">The country of rows without a Country column (e.g. "AU" for Febrl); null: the app's default phone region reads their phones.</param>
    public async Task<AccuracyFigures> MeasureAsync(TextReader csv, string delimiter, string? entityColumn, TextWriter log, string? defaultRegion = null, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var (header, rowStream) = CsvRows.Read(csv, delimiter);
        var columns = ColumnMapper.Map(header);
        await log.WriteLineAsync("Columns: " + string.Join(", ", columns.OrderBy(c => c.Value).Select(c => $"{header[c.Value]} → {c.Key}")));
        var entityIndex = entityColumn is null ? -1 : IndexOf(header, entityColumn);
        if (entityColumn is not null && entityIndex < 0)
        {
            throw new ArgumentException($"The file has no column \"{entityColumn}\".", nameof(entityColumn));
        }

        var rows = new List<CardRow>();
        var entities = new Dictionary<int, string?>();
        foreach (var (line, fields) in rowStream)
        {
            rows.Add(CardRowReader.Read(line, fields, columns));
            entities[line] = entityIndex >= 0 ? Blank(fields.ElementAtOrDefault(entityIndex)) : FebrlEntity(fields);
        }

        var importer = await staff.EnsureAsync("dedupe-importer", "Duplicate accuracy importer", null, "Import", ct);
        var actor = new Actor(importer.Id, importer.DisplayName, new HashSet<Role> { Role.TeamLead }, importer.TeamId);
        var imported = await import.ImportAsync(actor, rows, new CardImportOptions { LeaveOutInvalidContacts = true, DefaultRegion = defaultRegion }, null, ct);
        if (!imported.Succeeded)
        {
            throw new InvalidOperationException(imported.Message);
        }

        var report = imported.Value!;
        foreach (var failure in report.Failed)
        {
            await log.WriteLineAsync($"line {failure.Line}: not imported: {string.Join(" ", failure.Errors.Select(e => e.Message))}");
        }

        await log.WriteLineAsync($"Imported {report.Created.Count} of {rows.Count} rows; {report.Failed.Count} refused, {report.Notes.Count} values left out.");
        var scan = await scanner.ScanAsync(null, ct);
        await log.WriteLineAsync($"Scan: {scan.PairsCompared} pairs compared, {scan.Candidates} candidates, {scan.Elapsed.TotalSeconds:F1} s.");

        var lineOf = report.Created.ToDictionary(c => c.CardId, c => c.Line);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.DuplicateCandidates.AsNoTracking().Where(c => c.Status == DuplicateStatus.Open)
            .Select(c => new { c.CardAId, c.CardBId }).ToListAsync(ct);
        var trueCandidates = candidates.Count(c =>
            lineOf.TryGetValue(c.CardAId, out var a) && lineOf.TryGetValue(c.CardBId, out var b)
            && entities[a] is { } entity && entity == entities[b]);
        var truePairs = entities.Values.OfType<string>().GroupBy(e => e).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        return new AccuracyFigures(rows.Count, report.Created.Count, (int)truePairs, candidates.Count, trueCandidates, Stopwatch.GetElapsedTime(started));
    }

    private static int IndexOf(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i].Trim().TrimStart('\uFEFF'), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? FebrlEntity(string?[] fields) =>
        fields.Select(f => f is null ? null : FebrlId().Match(f.Trim())).FirstOrDefault(m => m is { Success: true }) is { } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"^rec-(\d+)-(?:org|dup-\d+)$")]
    private static partial Regex FebrlId();
}
