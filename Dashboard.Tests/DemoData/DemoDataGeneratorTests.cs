using System.Text.RegularExpressions;
using Dashboard.Domain.Access;
using Dashboard.Domain.Customers;
using Dashboard.Domain.DemoData;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.DemoData;

/// <summary>300 demo cards generated once and shared by the read-only tests below.</summary>
public sealed class GeneratedDemoData : IAsyncLifetime
{
    public const int CardCount = 300;

    internal DemoTestDatabase Database { get; private set; } = null!;

    public DemoDataReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await DemoTestDatabase.InMemoryAsync();
        Report = await Database.Generator().GenerateAsync(CardCount);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed partial class DemoDataGeneratorTests(GeneratedDemoData data) : IClassFixture<GeneratedDemoData>
{
    private static readonly DateTime Reference = DemoTestDatabase.Now.UtcDateTime.Date;

    [Fact]
    public async Task Report_matches_the_rows_written()
    {
        await using var db = await data.Database.Factory.CreateDbContextAsync();
        var report = data.Report;

        Assert.Equal(GeneratedDemoData.CardCount, report.Cards);
        Assert.Equal(report.Cards, await db.Cards.CountAsync());
        Assert.Equal(report.ContactPoints, await db.ContactPoints.CountAsync());
        Assert.Equal(report.StageTransitions, await db.StageTransitions.CountAsync());
        Assert.Equal(report.Interactions, await db.Interactions.CountAsync());
        Assert.Equal(report.Purchases, await db.Purchases.CountAsync());
        Assert.Equal(report.Remarks, await db.Remarks.CountAsync());
        Assert.True(report.Interactions > report.Cards, "Cards should average more than one interaction.");
        Assert.True(report.Purchases > report.Cards / 2, "Most customers should have bought something.");
        Assert.True(report.Remarks > report.Cards / 3);
        Assert.True(report.Elapsed > TimeSpan.Zero);

        var codes = await db.Cards.OrderBy(c => c.Number).Select(c => new { c.Number, c.Code }).ToListAsync();
        Assert.Equal(Enumerable.Range(1, report.Cards).Select(n => (long)n), codes.Select(c => c.Number));
        Assert.Equal("C-000001", codes[0].Code);
        Assert.Equal("C-000300", codes[^1].Code);

        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Action == DemoDataGenerator.AuditAction).ToListAsync());
        Assert.Equal(Actor.System.StaffId, audit.ActorId);
        Assert.Contains("300 demo cards", audit.Summary, StringComparison.Ordinal);
        Assert.Contains(audit.Changes, c => c.Field == "Purchases" && c.After == report.Purchases.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Demo_users_and_reps_exist_and_only_sales_staff_own_cards()
    {
        await using var db = await data.Database.Factory.CreateDbContextAsync();
        var staff = await db.Staff.Include(s => s.Team).ToListAsync();
        foreach (var user in DemoUsers.All)
        {
            var member = Assert.Single(staff, s => s.ExternalId == user.ExternalId);
            Assert.Equal(user.TeamName, member.Team?.Name);
        }

        Assert.Equal(10, staff.Count(s => s.ExternalId.StartsWith("demo-rep-", StringComparison.Ordinal)));
        Assert.Equal(5, staff.Count(s => s.ExternalId.StartsWith("demo-rep-", StringComparison.Ordinal) && s.Team?.Name == DemoUsers.WestTeam));

        var owners = await db.Cards.GroupBy(c => c.OwnerId).Select(g => new { OwnerId = g.Key, Count = g.Count() }).ToListAsync();
        var byId = staff.ToDictionary(s => s.Id);
        Assert.All(owners, o => Assert.Matches("^demo-(sales|teamlead|rep-\\d\\d)$", byId[o.OwnerId].ExternalId));
        var salesCards = owners.Single(o => byId[o.OwnerId].ExternalId == "demo-sales").Count;
        Assert.InRange(salesCards, GeneratedDemoData.CardCount / 10, GeneratedDemoData.CardCount / 3);

        var westTeam = staff.Single(s => s.ExternalId == "demo-rep-06").TeamId;
        var westCards = await db.Cards.CountAsync(c => c.TeamId == westTeam);
        Assert.InRange(westCards, GeneratedDemoData.CardCount / 5, GeneratedDemoData.CardCount / 2);
        Assert.Equal(0, await db.Cards.CountAsync(c => c.TeamId == null));
    }

    [Fact]
    public async Task Every_card_is_found_by_quick_search_and_the_search_trigger_is_back()
    {
        // The generator fills the search index once at the end instead of by its trigger, then puts the trigger back.
        var queries = data.Database.Queries();
        var admin = DemoTestDatabase.Admin();
        await using var db = await data.Database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking().Select(c => new { c.Id, c.Name, c.Company }).ToListAsync();
        var searchRows = await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM \"CardSearch\"").SingleAsync();
        var triggers = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name = 'Cards_CardSearch_Insert'").ToListAsync();

        Assert.Equal(cards.Count, searchRows);
        Assert.Single(triggers);
        foreach (var card in cards.Where(c => (c.Company ?? c.Name)?.Length >= 3).Take(20))
        {
            var term = (card.Company ?? card.Name)!;
            var found = await queries.ListAsync(admin, new CardListQuery { Search = term, PageSize = CardListQuery.MaxPageSize });
            Assert.Contains(found.Items, i => i.Id == card.Id);
        }
    }

    [Fact]
    public async Task Every_card_is_readable_by_an_admin()
    {
        var queries = data.Database.Queries();
        var admin = DemoTestDatabase.Admin();
        await using var db = await data.Database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking().OrderBy(c => c.Number).Select(c => new { c.Id, c.Code, c.Version }).ToListAsync();

        foreach (var card in cards)
        {
            var result = await queries.GetAsync(admin, card.Id);
            Assert.True(result.Succeeded, $"{card.Code}: {result.Status} {result.Message}");
            var details = result.Value!;
            Assert.Equal(card.Code, details.Code);
            Assert.Equal(card.Version, details.Version);
            Assert.NotEmpty(details.StageHistory);
            Assert.NotNull(details.Purchases);
            Assert.All(details.Phones.Concat(details.Emails), p => Assert.True(details.Permissions.ContactsMasked));
        }
    }

    [Fact]
    public async Task Demo_sales_user_sees_only_own_and_team_cards()
    {
        var sales = await data.Database.DemoSalesAsync();
        var queries = data.Database.Queries();
        await using var db = await data.Database.Factory.CreateDbContextAsync();
        var expected = await db.Cards.CountAsync(c => c.OwnerId == sales.StaffId || c.TeamId == sales.TeamId);
        var invisible = await db.Cards.Where(c => c.OwnerId != sales.StaffId && c.TeamId != sales.TeamId).Select(c => c.Id).FirstAsync();

        var list = await queries.ListAsync(sales, new CardListQuery { PageSize = CardListQuery.MaxPageSize });

        Assert.Equal(expected, list.TotalCount);
        Assert.True(list.TotalCount < GeneratedDemoData.CardCount, "West Team cards must stay invisible to the East Sales user.");
        var eastOwners = await db.Staff.Where(s => s.TeamId == sales.TeamId).Select(s => s.Id).ToListAsync();
        Assert.All(list.Items, item => Assert.Contains(item.OwnerId, eastOwners));
        Assert.Contains(list.Items, item => item.OwnerId == sales.StaffId);
        Assert.Equal(Dashboard.Domain.Common.CommandStatus.Forbidden, (await queries.GetAsync(sales, invisible)).Status);
    }

    [Fact]
    public async Task Stage_histories_follow_the_lifecycle_rules_in_time_order()
    {
        await using var db = await data.Database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking().Include(c => c.StageHistory).ToListAsync();
        var reactivated = 0;
        foreach (var card in cards)
        {
            var history = card.StageHistory.OrderBy(t => t.At).ToList();
            Assert.Null(history[0].From);
            Assert.True(LifecycleRules.IsValidInitial(history[0].To), $"{card.Code} starts as {history[0].To}");
            Assert.Equal(card.CreatedAt, history[0].At);
            for (var i = 1; i < history.Count; i++)
            {
                Assert.Equal(history[i - 1].To, history[i].From);
                Assert.True(LifecycleRules.CanMove(history[i].From!.Value, history[i].To), $"{card.Code}: {history[i].From} → {history[i].To}");
                Assert.True(history[i].At > history[i - 1].At, $"{card.Code}: transitions out of order");
                if (history[i].From == LifecycleStage.Churned)
                {
                    reactivated++;
                }
            }

            Assert.Equal(card.Stage, history[^1].To);
            Assert.Equal(card.OwnerId, history[^1].ActorId);
        }

        var stages = cards.GroupBy(c => c.Stage).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enum.GetValues<LifecycleStage>(), stage => Assert.True(stages.GetValueOrDefault(stage) > 0, $"No {stage} cards"));
        Assert.True(stages[LifecycleStage.Active] > stages[LifecycleStage.New], "Active should be the largest group of customers.");
        Assert.True(reactivated > 0, "Some churned customers should come back.");
    }

    [Fact]
    public async Task All_times_lie_in_the_two_years_before_the_reference_date_and_in_order()
    {
        await using var db = await data.Database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking()
            .Include(c => c.Interactions).Include(c => c.Purchases).Include(c => c.Remarks).Include(c => c.StageHistory)
            .AsSplitQuery().ToListAsync();
        foreach (var card in cards)
        {
            Assert.InRange(card.CreatedAt, Reference.AddDays(-731), Reference.AddDays(-1));
            Assert.InRange(card.UpdatedAt, card.CreatedAt, Reference);
            var times = card.Interactions.Select(i => i.OccurredAt)
                .Concat(card.Purchases.Select(p => p.RecordedAt))
                .Concat(card.Remarks.Select(r => r.CreatedAt))
                .Concat(card.StageHistory.Select(t => t.At))
                .Append(card.TierSetAt ?? card.CreatedAt);
            Assert.All(times, t => Assert.InRange(t, card.CreatedAt, card.UpdatedAt));
            Assert.All(card.Purchases, p => Assert.True(p.PurchasedOn <= DateOnly.FromDateTime(p.RecordedAt)));
            Assert.True(card.Version > card.StageHistory.Count - 1 + card.Interactions.Count + card.Purchases.Count + card.Remarks.Count);
        }
    }

    [Fact]
    public async Task Content_is_plausible()
    {
        await using var db = await data.Database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking()
            .Include(c => c.ContactPoints).Include(c => c.Purchases).Include(c => c.Interactions).Include(c => c.Tags).Include(c => c.Interests)
            .AsSplitQuery().ToListAsync();
        var n = cards.Count;

        var companies = cards.Count(c => c.Kind == CardKind.Company);
        Assert.InRange(companies, n / 5, n * 2 / 5);
        Assert.All(cards.Where(c => c.Kind == CardKind.Company), c => Assert.Equal(c.Company, c.DisplayName));
        Assert.True(cards.Count(c => c.Name is not null && ChineseText().IsMatch(c.Name)) > n / 3, "Expected mostly Chinese names");
        Assert.True(cards.Count(c => c.Name is not null && LatinName().IsMatch(c.Name)) > n / 20, "Expected some English names");
        Assert.Contains(cards, c => c.Company is not null && c.Company.EndsWith("有限公司", StringComparison.Ordinal));
        Assert.Contains(cards, c => c.Company is not null && LatinName().IsMatch(c.Company));
        Assert.True(cards.Count(c => c.Title is not null) > n / 5);

        var phones = cards.SelectMany(c => c.ContactPoints).Where(p => p.Kind == ContactKind.Phone).ToList();
        Assert.All(phones, p => Assert.Matches(@"^\+[1-9]\d{6,14}$", p.Value));
        Assert.True(phones.Count(p => CnMobile().IsMatch(p.Value)) > phones.Count / 2, "Most phones should be mainland mobiles");
        Assert.Contains(phones, p => p.Value.StartsWith("+86", StringComparison.Ordinal) && !CnMobile().IsMatch(p.Value));
        Assert.All(cards.Where(c => c.ContactPoints.Any(p => p.Kind == ContactKind.Phone)), c => Assert.Single(c.ContactPoints, p => p.Kind == ContactKind.Phone && p.IsPrimary));
        var emails = cards.SelectMany(c => c.ContactPoints).Where(p => p.Kind == ContactKind.Email).ToList();
        Assert.All(emails, e => Assert.Equal(e.Value.ToLowerInvariant(), e.Value));

        Assert.All(cards, c => Assert.NotNull(c.RegionId));
        Assert.True(cards.Count(c => c.Interests.Count > 0) > n / 4);
        Assert.True(cards.Count(c => c.Tags.Count > 0) > n / 5);

        var purchases = cards.SelectMany(c => c.Purchases).ToList();
        Assert.True(purchases.Count(p => p.Currency == "CNY") > purchases.Count * 3 / 4);
        Assert.Contains(purchases, p => p.Currency == "USD");
        Assert.All(purchases, p => Assert.True(p.Amount > 0 && p.Quantity > 0));
        Assert.All(cards.Where(c => c.Purchases.Count > 0), c => Assert.NotEqual(LifecycleStage.Prospect, c.Stage));
        Assert.Equal(Enum.GetValues<InteractionKind>().Length, cards.SelectMany(c => c.Interactions).Select(i => i.Kind).Distinct().Count());

        var tiers = cards.Where(c => c.Tier is not null).ToList();
        Assert.All(cards, c => Assert.Equal(c.Purchases.Count > 0, c.ComputedTier is not null));
        Assert.All(cards.Where(c => c.TierSource == TierSource.Computed), c => Assert.Equal((c.ComputedTier, (string?)null), (c.Tier, c.TierReason)));
        var manual = cards.Where(c => c.TierSource == TierSource.Manual).ToList();
        Assert.InRange(manual.Count, 1, tiers.Count / 10);
        Assert.All(manual, c => Assert.NotEqual(c.ComputedTier, c.Tier));
        Assert.All(manual, c => Assert.False(string.IsNullOrWhiteSpace(c.TierReason)));
        Assert.All(manual, c => Assert.Equal(c.OwnerId, c.TierSetBy));
        Assert.Contains(tiers, c => c.Tier == CustomerTier.VIP);
        Assert.Contains(tiers, c => c.Tier == CustomerTier.A);
        Assert.Contains(tiers, c => c.Tier == CustomerTier.B);
        Assert.Contains(tiers, c => c.Tier == CustomerTier.C);
        Assert.DoesNotContain(cards, c => c.Stage == LifecycleStage.Prospect && c.Tier is not null);
    }

    [Fact]
    public async Task Some_cards_are_deliberately_imperfect()
    {
        await using var db = await data.Database.Factory.CreateDbContextAsync();
        var cards = await db.Cards.AsNoTracking().Include(c => c.ContactPoints).ToListAsync();
        var n = cards.Count;
        var report = data.Report;

        Assert.InRange(report.IncompleteCards, n / 25, n / 6);
        Assert.True(cards.Count(c => !c.ContactPoints.Any(p => p.Kind == ContactKind.Email)) >= report.IncompleteCards / 3);
        Assert.Contains(cards, c => !c.ContactPoints.Any(p => p.Kind == ContactKind.Phone));
        Assert.Contains(cards, c => c.IndustryId is null);

        var yearAgo = DateOnly.FromDateTime(Reference).AddDays(-365);
        bool Stale(CustomerCard c) => c.ContactPoints.Any(p => p.LastVerifiedOn is null || p.LastVerifiedOn < yearAgo);
        Assert.InRange(cards.Count(Stale), n / 15, n / 4);
        Assert.Contains(cards, c => c.ContactPoints.Any(p => p.LastVerifiedOn is null));
        Assert.Contains(cards, c => c.ContactPoints.Any(p => p.LastVerifiedOn < yearAgo));
        Assert.True(cards.Count(c => c.ContactPoints.Count > 0 && c.ContactPoints.All(p => p.LastVerifiedOn >= yearAgo)) > n / 2);

        Assert.InRange(report.NearDuplicateCards, 1, n / 15);
        var sharedPhones = cards.SelectMany(c => c.ContactPoints.Where(p => p.Kind == ContactKind.Phone).Select(p => (p.Value, c.Id)))
            .GroupBy(x => x.Value).Count(g => g.Select(x => x.Id).Distinct().Count() > 1);
        var similarNames = cards.Where(c => c.Name is not null)
            .GroupBy(c => Regex.Replace(c.Name!.ToLowerInvariant(), @"[\s.]", string.Empty)).Count(g => g.Count() > 1);
        Assert.True(sharedPhones + similarNames > 0, "Expected near-duplicates (shared phones or similar names)");
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseText();

    [GeneratedRegex(@"^[A-Za-z]")]
    private static partial Regex LatinName();

    [GeneratedRegex(@"^\+861[3-9]\d{9}$")]
    private static partial Regex CnMobile();
}
