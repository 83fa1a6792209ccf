using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Dashboard.Domain.Access;
using Dashboard.Domain.Common;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Domain.Customers;

/// <summary>Reads customer cards for the list and the card page, cut to what the actor may see.</summary>
public sealed class CustomerCardQueries(IDbContextFactory<DashboardDbContext> dbFactory, IOptions<DashboardOptions> options)
{
    public async Task<PagedResult<CardListItem>> ListAsync(Actor actor, CardListQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cards = Filter(db, db.Cards.AsNoTracking().Where(CardAccess.VisibleCards(actor)), query);
        // Counting stops past the cap: an exact count of a large list walks every matching card (over a second for a
        // rep's cards at a million), and nobody pages through ten thousand cards instead of narrowing the filters.
        var cap = Math.Max(1, options.Value.ListCountCap);
        var counted = await cards.Take(cap + 1).CountAsync(ct);
        var total = Math.Min(counted, cap);
        var pageSize = Math.Clamp(query.PageSize, 1, CardListQuery.MaxPageSize);
        var skip = (long)Math.Max(query.Page, 0) * pageSize;
        var items = skip >= total
            ? []
            : await ReadPageAsync(db, actor, Sort(cards, query.SortBy, query.Descending).Skip((int)skip).Take((int)Math.Min(pageSize, total - skip)), ct);
        return new PagedResult<CardListItem>(items, total) { MoreThanTotal = counted > cap };
    }

    /// <summary>
    /// Every card of the list <paramref name="query"/> describes (its paging ignored), a batch at a time, with the
    /// list's visibility, filters and masking: for exports. Sorted by code, batches continue after the last code
    /// read (no count, no growing offset), so a file of 100,000 rows costs what its rows cost; other sorts page by
    /// offset, still without counting.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<CardListItem>> ReadAllAsync(
        Actor actor, CardListQuery query, int batchSize = CardListQuery.MaxPageSize, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var byCode = query.SortBy == CardSort.Code && !query.Descending;
        long lastNumber = 0;
        for (var batch = 0; ; batch++)
        {
            List<CardListItem> items;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var cards = Filter(db, db.Cards.AsNoTracking().Where(CardAccess.VisibleCards(actor)), query);
                var page = byCode
                    ? cards.Where(c => c.Number > lastNumber).OrderBy(c => c.Number)
                    : Sort(cards, query.SortBy, query.Descending).Skip(batch * batchSize);
                items = await ReadPageAsync(db, actor, page.Take(batchSize), ct);
            }

            if (items.Count > 0)
            {
                lastNumber = CardCode.TryParse(items[^1].Code, out var number) ? number : throw new InvalidOperationException($"Card code {items[^1].Code} is not a card code.");
                yield return items;
            }

            if (items.Count < batchSize)
            {
                yield break;
            }
        }
    }

    /// <summary>The list rows of one page of cards: the row query, then the page's tags by card id, then masking.</summary>
    private static async Task<List<CardListItem>> ReadPageAsync(DashboardDbContext db, Actor actor, IQueryable<CustomerCard> cards, CancellationToken ct)
    {
        var page = await cards
            .Select(c => new
            {
                c.Id,
                c.Code,
                c.Kind,
                c.DisplayName,
                c.Company,
                c.Stage,
                c.Tier,
                c.OwnerId,
                c.TeamId,
                OwnerName = c.Owner!.DisplayName,
                Region = c.Region!.Name,
                Industry = c.Industry!.Name,
                Phone = c.ContactPoints.Where(p => p.Kind == ContactKind.Phone && p.IsPrimary).Select(p => p.Value).FirstOrDefault(),
                Email = c.ContactPoints.Where(p => p.Kind == ContactKind.Email && p.IsPrimary).Select(p => p.Value).FirstOrDefault(),
                c.NextFollowUp,
                c.UpdatedAt,
                c.QualityScore,
                c.QualityBand,
            })
            .ToListAsync(ct);

        // The page's tags in a second query by card id: as part of the page query, SQLite would join every card's tags
        // before picking the 25 it needs.
        var ids = page.Select(c => c.Id).ToList();
        var tags = (await (
                    from link in db.Set<Dictionary<string, object>>("CardTags")
                    where ids.Contains(EF.Property<Guid>(link, "CustomerCardId"))
                    join t in db.Tags.AsNoTracking() on EF.Property<int>(link, "TagsId") equals t.Id
                    select new { CardId = EF.Property<Guid>(link, "CustomerCardId"), Tag = new TagView(t.Id, t.Name, t.Group!.Colour) })
                .ToListAsync(ct))
            .ToLookup(t => t.CardId, t => t.Tag);

        var items = new List<CardListItem>(page.Count);
        foreach (var c in page)
        {
            var masked = !CardAccess.CanSeeContactsUnmasked(actor, c.OwnerId, c.TeamId);
            items.Add(new CardListItem(
                c.Id, c.Code, c.Kind, c.DisplayName, c.Company, c.Stage, c.Tier, c.OwnerId, c.OwnerName, c.Region, c.Industry,
                c.Phone is null ? null : ShowContact(ContactKind.Phone, c.Phone, masked),
                c.Email is null ? null : ShowContact(ContactKind.Email, c.Email, masked),
                c.NextFollowUp, c.UpdatedAt, tags[c.Id].ToList()) { QualityScore = c.QualityScore, QualityBand = c.QualityBand });
        }

        return items;
    }

    public async Task<CommandResult<CardDetails>> GetAsync(Actor actor, Guid cardId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var card = await db.Cards.AsNoTracking()
            .Include(c => c.Owner).ThenInclude(o => o!.Team)
            .Include(c => c.Industry)
            .Include(c => c.Region)
            .Include(c => c.SourceChannel)
            .Include(c => c.Interests)
            .Include(c => c.Tags).ThenInclude(t => t.Group)
            .Include(c => c.ContactPoints)
            .Include(c => c.CustomFieldValues).ThenInclude(v => v.Field)
            .Include(c => c.Interactions)
            .Include(c => c.Purchases)
            .Include(c => c.Remarks).ThenInclude(r => r.Versions)
            .Include(c => c.StageHistory)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null)
        {
            return CommandResult<CardDetails>.From(CommandResult.NotFound());
        }

        if (!CardAccess.CanViewCard(actor, card.OwnerId, card.TeamId))
        {
            return CommandResult<CardDetails>.From(CommandResult.Forbidden("You cannot view this customer card."));
        }

        var staffIds = card.Interactions.Select(i => i.StaffId)
            .Concat(card.Remarks.SelectMany(r => r.Versions.Select(v => v.WrittenBy).Append(r.AuthorId)))
            .Concat(card.StageHistory.Select(t => t.ActorId))
            .ToHashSet();
        var names = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, ct);
        string NameOf(Guid id) => names.GetValueOrDefault(id) ?? (id == Guid.Empty ? "System" : "Former staff member");

        var permissions = new CardPermissions(
            CardAccess.CanEditCard(actor, card.OwnerId, card.TeamId),
            CardAccess.CanViewPurchases(actor, card.OwnerId, card.TeamId),
            CardAccess.CanRecordPurchase(actor, card.OwnerId, card.TeamId),
            !CardAccess.CanSeeContactsUnmasked(actor, card.OwnerId, card.TeamId));

        IReadOnlyList<ContactPointView> Contacts(ContactKind kind) => card.ContactPoints
            .Where(p => p.Kind == kind)
            .OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Label)
            .Select(p => new ContactPointView(p.Id, p.Kind, p.Label, ShowContact(kind, p.Value, permissions.ContactsMasked), p.IsPrimary, p.LastVerifiedOn))
            .ToList();

        var details = new CardDetails(
            card.Id, card.Code, card.Kind, card.DisplayName, card.Name, card.Company, card.Title,
            Ref(card.Industry), Ref(card.Region),
            card.Address is { Length: > 0 } address && permissions.ContactsMasked ? ContactMasking.MaskAddress(address) : card.Address,
            Ref(card.SourceChannel),
            card.OwnerId, card.Owner?.DisplayName ?? NameOf(card.OwnerId), card.Owner?.Team?.Name,
            card.NextFollowUp, card.SpecialNeeds, card.Stage, card.Tier, card.TierReason,
            card.Interests.OrderBy(i => i.SortOrder).Select(i => new NamedRef(i.Id, i.Name)).ToList(),
            card.Tags.OrderBy(t => t.Name).Select(t => new TagView(t.Id, t.Name, t.Group?.Colour)).ToList(),
            Contacts(ContactKind.Phone),
            Contacts(ContactKind.Email),
            card.CustomFieldValues.OrderBy(v => v.Field!.SortOrder).Select(v => new CustomFieldValueView(v.FieldId, v.Field!.Label, v.Value)).ToList(),
            card.Interactions.OrderByDescending(i => i.OccurredAt)
                .Select(i => new InteractionView(i.Id, i.Kind, i.OccurredAt, NameOf(i.StaffId), i.Summary, i.Outcome)).ToList(),
            permissions.CanViewPurchases
                ? card.Purchases.OrderByDescending(p => p.PurchasedOn)
                    .Select(p => new PurchaseView(p.Id, card.Code, card.DisplayName, p.Product, p.PurchasedOn, p.Quantity, p.Amount, p.Currency)).ToList()
                : null,
            card.Remarks.OrderByDescending(r => r.CreatedAt)
                .Select(r => new RemarkView(r.Id, NameOf(r.AuthorId), r.CreatedAt, r.Text, r.EditedAt,
                    r.Versions.OrderBy(v => v.Number).Select(v => new RemarkVersionView(v.Number, v.Text, v.WrittenAt, NameOf(v.WrittenBy))).ToList()))
                .ToList(),
            card.StageHistory.OrderBy(t => t.At).Select(t => new StageTransitionView(t.From, t.To, NameOf(t.ActorId), t.At)).ToList(),
            card.CreatedAt, card.UpdatedAt, card.Version, card.DetailsVersion, permissions)
        {
            Quality = new CardQualitySummary(card.QualityScore, card.QualityBand, QualityAccess.CanVerify(actor, card.OwnerId, card.TeamId),
                card.NameVerifiedOn, card.CompanyVerifiedOn, card.TitleVerifiedOn, card.AddressVerifiedOn),
            Postcode = card.Postcode,
            Country = card.Country,
            DateOfBirth = card.DateOfBirth,
            MergedInto = card.MergedIntoId is { } survivorId
                ? await db.Cards.AsNoTracking().Where(c => c.Id == survivorId).Select(c => new CardRef(c.Id, c.Code, c.Version)).SingleOrDefaultAsync(ct)
                : null,
        };
        return details;
    }

    /// <summary>Purchases the actor may see, newest first — the Finance view.</summary>
    public async Task<PagedResult<PurchaseView>> ListPurchasesAsync(Actor actor, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cards = CardAccess.CanViewAllPurchases(actor) ? db.Cards : db.Cards.Where(CardAccess.VisibleCards(actor));
        // The result-selector form becomes a JOIN; a nested Select referring to the card would need APPLY, which SQLite lacks.
        var purchases = cards.AsNoTracking().SelectMany(c => c.Purchases, (c, p) => new { Card = c, Purchase = p });
        var total = await purchases.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, CardListQuery.MaxPageSize);
        var items = await purchases
            .OrderByDescending(x => x.Purchase.PurchasedOn).ThenBy(x => x.Card.Number)
            .Skip(Math.Max(page, 0) * size).Take(size)
            .Select(x => new PurchaseView(x.Purchase.Id, x.Card.Code, x.Card.DisplayName, x.Purchase.Product, x.Purchase.PurchasedOn, x.Purchase.Quantity, x.Purchase.Amount, x.Purchase.Currency))
            .ToListAsync(ct);
        return new PagedResult<PurchaseView>(items, total);
    }

    private static NamedRef? Ref(ReferenceData.ListItem? item) => item is null ? null : new NamedRef(item.Id, item.Name);

    private static string ShowContact(ContactKind kind, string value, bool masked)
    {
        var display = kind == ContactKind.Phone ? PhoneNumber.Display(value) : value;
        return masked ? ContactMasking.Mask(kind, kind == ContactKind.Phone ? value : display) : display;
    }

    private IQueryable<CustomerCard> Filter(DashboardDbContext db, IQueryable<CustomerCard> cards, CardListQuery query)
    {
        cards = QualityListFilters.Apply(db, cards, cards, query);
        // A merged card is kept only so that its merge can be undone; lists show the card it was merged into.
        cards = cards.Where(c => c.MergedIntoId == null);

        if (query.Stage is { } stage)
        {
            cards = cards.Where(c => c.Stage == stage);
        }

        if (query.Tier is { } tier)
        {
            cards = cards.Where(c => c.Tier == tier);
        }
        else if (query.WithoutTier)
        {
            cards = cards.Where(c => c.Tier == null);
        }

        if (query.TeamId is { } teamId)
        {
            cards = cards.Where(c => c.TeamId == teamId);
        }

        if (query.Activity is { Kind: CardActivity.Verified } verified)
        {
            cards = QualityListFilters.Verified(db, cards, verified.Period);
        }
        else if (query.Activity is { } activity)
        {
            cards = FilterByActivity(cards, activity);
        }

        if (query.OwnerId is { } ownerId)
        {
            cards = cards.Where(c => c.OwnerId == ownerId);
        }

        if (query.RegionId is { } regionId)
        {
            cards = cards.Where(c => c.RegionId == regionId);
        }

        if (query.IndustryId is { } industryId)
        {
            cards = cards.Where(c => c.IndustryId == industryId);
        }

        if (query.TagId is { } tagId)
        {
            cards = cards.Where(c => c.Tags.Any(t => t.Id == tagId));
        }

        return string.IsNullOrWhiteSpace(query.Search) ? cards : QuickSearch(db, cards, query.Search);
    }

    /// <summary>The same conditions the pipeline dashboard counts by, so a drill-down shows exactly the counted cards.</summary>
    private static IQueryable<CustomerCard> FilterByActivity(IQueryable<CustomerCard> cards, CardActivityFilter activity)
    {
        var (start, end) = (activity.Period.StartUtc, activity.Period.EndUtc);
        var (from, to) = (activity.Period.From, activity.Period.To);
        return activity.Kind switch
        {
            CardActivity.ReachedStage when activity.Stage is { } stage => cards.Where(c => c.StageHistory.Any(t => t.To == stage && t.At >= start && t.At < end)),
            CardActivity.ReachedStage => throw new ArgumentException("Reaching a stage needs the stage.", nameof(activity)),
            CardActivity.Created => cards.Where(c => c.CreatedAt >= start && c.CreatedAt < end),
            CardActivity.Contacted => cards.Where(c => c.Interactions.Any(i => i.OccurredAt >= start && i.OccurredAt < end)),
            CardActivity.Purchased => cards.Where(c => c.Purchases.Any(p => p.PurchasedOn >= from && p.PurchasedOn <= to)),
            _ => throw new ArgumentOutOfRangeException(nameof(activity)),
        };
    }

    /// <summary>
    /// Matches code, name, company, a whole e-mail, or a whole phone number typed in any format (see <see cref="QuickSearchTerm"/>). The
    /// cards the CardSearch trigram index matches are joined to the filtered cards in the same SQL statement, so
    /// visibility, the other filters, sorting and paging still apply.
    /// </summary>
    private IQueryable<CustomerCard> QuickSearch(DashboardDbContext db, IQueryable<CustomerCard> cards, string search)
    {
        var term = QuickSearchTerm.Parse(search, options.Value.DefaultPhoneRegion);
        if (term is null)
        {
            return cards;
        }

        if (term.Kind == QuickSearchKind.CardCode)
        {
            var number = term.CardNumber;
            return cards.Where(c => c.Number == number);
        }

        if (term.Kind == QuickSearchKind.Phone || term.ContactLookup is not null)
        {
            // A whole phone number or e-mail address: phones and e-mails are stored encrypted, with a keyed hash for
            // exact lookup (the parameter is hashed by the column's converter). A part of a number matches nothing.
            // The holders lead, found through the (ValueHash, CardId) index: as "card has any contact point with
            // this hash", SQLite tests every visible card in list order (230-430 ms at 100,000 cards instead of 1 ms).
            // A card holds a value once (the validator removes repeats), so the join yields each card once.
            var lookup = term.ContactLookup;
            return lookup is null
                ? cards.Where(c => false)
                : from p in db.ContactPoints.AsNoTracking()
                  where p.Lookup == lookup
                  from c in cards
                  where c.Id == p.CardId
                  select c;
        }

        // The cards whose number the index matches. A term too short for trigrams reads the index's text instead;
        // "|| ''" keeps FTS5 from taking that LIKE itself: it would scan all the same, and older FTS5 builds
        // (SQLite 3.40) return no rows for short non-ASCII patterns.
        var matching = term.Match is { } match
            ? db.Cards.FromSql($"SELECT * FROM \"Cards\" WHERE \"Number\" IN (SELECT rowid FROM \"CardSearch\" WHERE \"CardSearch\" MATCH {match})")
            : db.Cards.FromSql($"SELECT * FROM \"Cards\" WHERE \"Number\" IN (SELECT rowid FROM \"CardSearch\" WHERE (\"Names\" || '') LIKE {term.NamesLike} ESCAPE '\\')");

        // The matches lead: EF writes this as "matches CROSS JOIN Cards", and SQLite keeps a CROSS JOIN's order, so it
        // looks each match up by its unique number. As a plain filter, SQLite (which has no statistics here) may rather
        // walk another index on Cards that looks selective to it, such as MergedIntoId IS NULL or the owner and team of
        // a sales rep, and test every card against the matches: 50-60 ms per query at 100,000 cards instead of 1 ms.
        return from m in matching.AsNoTracking()
               from c in cards
               where c.Number == m.Number
               select c;
    }

    private static IQueryable<CustomerCard> Sort(IQueryable<CustomerCard> cards, CardSort sort, bool descending)
    {
        IOrderedQueryable<CustomerCard> Order<TKey>(Expression<Func<CustomerCard, TKey>> key) =>
            descending ? cards.OrderByDescending(key) : cards.OrderBy(key);

        var ordered = sort switch
        {
            CardSort.Code => Order(c => c.Number),
            CardSort.Name => Order(c => c.DisplayName),
            CardSort.Stage => Order(c => c.Stage == LifecycleStage.Prospect ? 0 : c.Stage == LifecycleStage.New ? 1 : c.Stage == LifecycleStage.Active ? 2 : c.Stage == LifecycleStage.AtRisk ? 3 : 4),
            CardSort.Tier => Order(c => c.Tier == null ? 4 : c.Tier == Tiers.CustomerTier.VIP ? 0 : c.Tier == Tiers.CustomerTier.A ? 1 : c.Tier == Tiers.CustomerTier.B ? 2 : 3),
            CardSort.Owner => Order(c => c.Owner!.DisplayName),
            CardSort.NextFollowUp => Order(c => c.NextFollowUp),
            CardSort.Quality => Order(c => c.QualityScore),
            _ => Order(c => c.UpdatedAt),
        };
        return ordered.ThenBy(c => c.Number);
    }
}
