using Dashboard.Domain.Customers;
using Dashboard.Domain.Dashboards;
using Dashboard.Domain.Persistence;

namespace Dashboard.Domain.Quality;

/// <summary>The stored quality score of a card as its page shows it, and whether the viewer may verify the card.</summary>
public sealed record CardQualitySummary(
    int? Score,
    QualityBand? Band,
    bool CanVerify,
    DateOnly? NameVerifiedOn,
    DateOnly? CompanyVerifiedOn,
    DateOnly? TitleVerifiedOn,
    DateOnly? AddressVerifiedOn)
{
    public DateOnly? VerifiedOn(QualityFields field) => field switch
    {
        QualityFields.Name => NameVerifiedOn,
        QualityFields.Company => CompanyVerifiedOn,
        QualityFields.Title => TitleVerifiedOn,
        QualityFields.Address => AddressVerifiedOn,
        _ => null,
    };
}

/// <summary>
/// The customer list's quality filters, with exactly the conditions the quality page counts by, so that each of its
/// numbers drills down to a list of the same length.
/// </summary>
internal static class QualityListFilters
{
    /// <param name="visible">The cards the actor may see, before any filter: the scope shared contacts are looked for in.</param>
    public static IQueryable<CustomerCard> Apply(DashboardDbContext db, IQueryable<CustomerCard> visible, IQueryable<CustomerCard> cards, CardListQuery query)
    {
        if (query.QualityBand is { } band)
        {
            cards = cards.Where(c => c.QualityBand == band);
        }

        if (query.OverdueOn is { } today)
        {
            cards = cards.Where(c => c.VerificationDueOn < today);
        }

        if (query.FailingRule is { } rule)
        {
            cards = cards.Where(c => (c.QualityFailures & rule) != 0);
        }

        if (query.SharesContact)
        {
            var scope = visible.Where(c => c.MergedIntoId == null);
            if (query.OwnerId is { } ownerId)
            {
                scope = scope.Where(c => c.OwnerId == ownerId);
            }

            if (query.TeamId is { } teamId)
            {
                scope = scope.Where(c => c.TeamId == teamId);
            }

            cards = QualityQueries.SharingContacts(db, cards, scope);
        }

        return cards;
    }

    /// <summary>Cards with a value confirmed or corrected with the customer during the period.</summary>
    public static IQueryable<CustomerCard> Verified(DashboardDbContext db, IQueryable<CustomerCard> cards, ReportingPeriod period)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        return cards.Where(c => db.Verifications.Any(v => v.CardId == c.Id && v.Outcome != VerificationOutcome.Unreachable && v.VerifiedAt >= start && v.VerifiedAt < end));
    }
}
