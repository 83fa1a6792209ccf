using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Duplicates;

/// <summary>An existing card that looks like the one being typed.</summary>
public sealed record SimilarCard(Guid Id, string Code, string DisplayName, double Score, MatchReasons Reasons);

/// <summary>
/// The live duplicate warning: while a card is typed (or edited), finds existing cards that look like the draft,
/// with the same keys and scoring as the batch scan. Only cards the actor may see are returned, so the warning
/// never reveals a card the actor could not open.
/// </summary>
public sealed class DuplicateFinder(IDbContextFactory<DashboardDbContext> dbFactory, IOptions<DashboardOptions> options)
{
    public const int MaxResults = 5;
    private const int MaxCompared = 500;

    /// <param name="editingCardId">The card being edited, which is not its own duplicate.</param>
    public async Task<IReadOnlyList<SimilarCard>> FindSimilarAsync(Actor actor, CardDraft draft, Guid? editingCardId = null, CancellationToken ct = default)
    {
        var features = MatchFeatures.From(ProfileOf(draft, CardDraftValidator.PhoneRegionOf(draft, options.Value.DefaultPhoneRegion)));
        var keys = MatchKeys.For(features);
        if (keys.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hashed = keys.Select(db.Protector.Hash).ToList();
        var ids = db.CardMatchKeys.Where(k => hashed.Contains(k.Key)).Select(k => k.CardId).Distinct().Take(MaxCompared);
        var cards = db.Cards.Where(CardAccess.VisibleCards(actor))
            .Where(c => ids.Contains(c.Id) && c.MergedIntoId == null && c.Id != editingCardId);
        var found = await DuplicateScanner.LoadAsync(db, cards, ct);
        var matches = found
            .Select(c => (c.Id, Match: MatchScorer.Match(features, c.Features)))
            .Where(m => m.Match is not null)
            .OrderByDescending(m => m.Match!.Score)
            .Take(MaxResults)
            .ToList();
        var ids2 = matches.Select(m => m.Id).ToList();
        var names = await db.Cards.AsNoTracking().Where(c => ids2.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (c.Code, c.DisplayName), ct);
        return matches.Select(m => new SimilarCard(m.Id, names[m.Id].Code, names[m.Id].DisplayName, m.Match!.Score, m.Match.Reasons)).ToList();
    }

    /// <summary>What the draft says so far: unparseable phones and e-mails are left out rather than refused.</summary>
    internal static MatchProfile ProfileOf(CardDraft draft, string region) => new(
        draft.Kind,
        TextNormalizer.Clean(draft.Name),
        TextNormalizer.Clean(draft.Company),
        TextNormalizer.CleanMultiline(draft.Address),
        TextNormalizer.Clean(draft.Postcode),
        draft.Kind == CardKind.Individual ? draft.DateOfBirth : null,
        draft.Phones.Select(p => PhoneNumber.NormalizeOrNull(p.Value, region)).OfType<string>().Distinct().ToList(),
        draft.Emails.Select(e => EmailAddress.TryParse(e.Value, out var email, out _) ? email!.Value : null).OfType<string>().Distinct().ToList());
}
