using System.Collections;
using System.Globalization;
using System.Reflection;
using Dashboard.Domain.Common;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Lifecycle;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Domain.Duplicates;

/// <summary>Merging two cards moves every interaction, purchase and remark to the survivor; undo puts both cards back exactly.</summary>
public sealed class MergeUndoTests : ServiceTest
{
    /// <summary>Bookkeeping that must move on with every change (or is recomputed), so it is not compared.</summary>
    private static readonly HashSet<string> Bookkeeping = ["Version", "DetailsVersion", "UpdatedAt", "UpdatedBy", "MatchKeysVersion"];

    private MergeService Merges => App.Services.GetRequiredService<MergeService>();

    [Fact]
    public async Task MergingTwoCards_MovesInteractionsPurchasesAndRemarks_AndUndoRestoresBothExactly()
    {
        var (survivor, other) = await TwoCardsWithHistoryAsync();
        var before = (await SnapshotAsync(survivor.Id), await SnapshotAsync(other.Id));
        var counts = await ChildCountsAsync(survivor.Id, other.Id);

        App.Clock.Tick();
        var merged = await Merges.MergeAsync(Actors.TeamLeadEast, new MergeRequest
        {
            SurvivorId = survivor.Id,
            OtherId = other.Id,
            Choices = { [MergeField.Title] = MergeSide.Other },
        });

        Assert.True(merged.Succeeded, TestDashboard.Describe(merged));
        var after = await App.GetCardAsync(Actors.TeamLeadEast, survivor.Id);
        Assert.Equal(counts.Interactions, after.Interactions.Count);
        Assert.Equal(counts.Purchases, after.Purchases!.Count);
        Assert.Equal(counts.Remarks, after.Remarks.Count);
        Assert.Equal("Purchasing manager", after.Title);
        Assert.Equal(["+8613812345678", "+8613987654321"], after.Phones.Select(p => p.Display.Replace(" ", string.Empty, StringComparison.Ordinal)).Order());
        var hidden = await App.GetCardAsync(Actors.TeamLeadEast, other.Id);
        Assert.Equal(survivor.Code, hidden.MergedInto?.Code);
        Assert.Empty(hidden.Interactions);
        var list = await App.Queries.ListAsync(Actors.TeamLeadEast, new CardListQuery { PageSize = 200 });
        Assert.DoesNotContain(list.Items, c => c.Id == other.Id);

        App.Clock.Tick();
        var undone = await Merges.UndoAsync(Actors.TeamLeadEast, merged.Value!.JournalId);

        Assert.True(undone.Succeeded, TestDashboard.Describe(undone));
        AssertSame(before.Item1, await SnapshotAsync(survivor.Id));
        AssertSame(before.Item2, await SnapshotAsync(other.Id));
        list = await App.Queries.ListAsync(Actors.TeamLeadEast, new CardListQuery { PageSize = 200 });
        Assert.Contains(list.Items, c => c.Id == other.Id);
    }

    [Fact]
    public async Task MergeAndUndo_AreAuditedOnBothCards()
    {
        var (survivor, other) = await TwoCardsWithHistoryAsync();
        var merged = await Merges.MergeAsync(Actors.TeamLeadEast, new MergeRequest { SurvivorId = survivor.Id, OtherId = other.Id });
        await Merges.UndoAsync(Actors.TeamLeadEast, merged.Value!.JournalId);

        Assert.Contains(await App.AuditTrailAsync(survivor.Code), e => e.Action == "card.merged");
        Assert.Contains(await App.AuditTrailAsync(other.Code), e => e.Action == "card.merged-away");
        Assert.Equal(2, (await App.AuditTrailAsync()).Count(e => e.Action == "card.merge-undone"));
    }

    [Fact]
    public async Task SalesRep_CannotMerge_TheyOnlyPropose()
    {
        var (survivor, other) = await TwoCardsWithHistoryAsync();

        var result = await Merges.MergeAsync(SalesEast, new MergeRequest { SurvivorId = survivor.Id, OtherId = other.Id });

        Assert.Equal(CommandStatus.Forbidden, result.Status);
        Assert.Null((await App.GetCardAsync(SalesEast, other.Id)).MergedInto);
    }

    [Fact]
    public async Task Undo_IsRefused_AfterTheSurvivorWasEdited()
    {
        var (survivor, other) = await TwoCardsWithHistoryAsync();
        var merged = await Merges.MergeAsync(Actors.TeamLeadEast, new MergeRequest { SurvivorId = survivor.Id, OtherId = other.Id });
        Assert.True((await App.EditAsync(SalesEast, survivor.Id, d => d.Title = "Director")).Succeeded);

        var result = await Merges.UndoAsync(Actors.TeamLeadEast, merged.Value!.JournalId);

        Assert.Equal(CommandStatus.Conflict, result.Status);
    }

    private async Task<(CardRef Survivor, CardRef Other)> TwoCardsWithHistoryAsync()
    {
        var survivor = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678", "Mobile", primary: true)
            .WithEmail("xiaoming@example.com").WithAddress("上海市徐汇区漕溪北路 88 号").WithTags((await App.ReferenceData.GetTagsAsync())[0].Id));
        var other = await App.CreateCardAsync(Actors.SalesEastColleague, CardDraftBuilder.Individual("王曉明").WithPhone("139 8765 4321", "Work", primary: true)
            .WithTitle("Purchasing manager").OwnedBy(Actors.SalesEastColleague));
        foreach (var (card, actor) in new[] { (survivor, SalesEast), (other, Actors.SalesEastColleague) })
        {
            App.Clock.Tick();
            Assert.True((await App.Cards.LogInteractionAsync(actor, card.Id, new InteractionDraft { Summary = $"Call about {card.Code}", Outcome = "Interested" })).Succeeded);
            App.Clock.Tick();
            Assert.True((await App.Cards.RecordPurchaseAsync(actor, card.Id, new PurchaseDraft { Product = "Tea set", PurchasedOn = App.Clock.Today, Quantity = 2, Amount = 399.50m, Currency = "CNY" })).Succeeded);
            App.Clock.Tick();
            Assert.True((await App.Cards.AddRemarkAsync(actor, card.Id, $"Prefers mornings ({card.Code})")).Succeeded);
            var remark = (await App.GetCardAsync(actor, card.Id)).Remarks[0];
            App.Clock.Tick();
            Assert.True((await App.Cards.EditRemarkAsync(actor, card.Id, remark.Id, $"Prefers mornings, not Mondays ({card.Code})")).Succeeded);
            var version = (await App.GetCardAsync(actor, card.Id)).Version;
            App.Clock.Tick();
            Assert.True((await App.Cards.ChangeStageAsync(actor, card.Id, version, LifecycleStage.New)).Succeeded);
        }

        return (survivor, other);
    }

    private async Task<(int Interactions, int Purchases, int Remarks)> ChildCountsAsync(params Guid[] ids)
    {
        await using var db = App.Database.CreateContext();
        return (await db.Interactions.CountAsync(i => ids.Contains(i.CardId)), await db.Purchases.CountAsync(p => ids.Contains(p.CardId)), await db.Remarks.CountAsync(r => ids.Contains(r.CardId)));
    }

    /// <summary>Every stored value of the card and of each of its children (by id), as text.</summary>
    private async Task<SortedDictionary<string, string?>> SnapshotAsync(Guid cardId)
    {
        await using var db = App.Database.CreateContext();
        var card = await db.Cards.AsNoTracking()
            .Include(c => c.ContactPoints).Include(c => c.Interactions).Include(c => c.Purchases)
            .Include(c => c.Remarks).ThenInclude(r => r.Versions).Include(c => c.StageHistory)
            .Include(c => c.Tags).Include(c => c.Interests).Include(c => c.CustomFieldValues)
            .AsSplitQuery().SingleAsync(c => c.Id == cardId);
        var snapshot = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        Flatten("card", card, snapshot, topLevel: true);
        foreach (var key in await db.CardMatchKeys.Where(k => k.CardId == cardId).Select(k => k.Key).ToListAsync())
        {
            snapshot["key " + key] = "stored";
        }

        return snapshot;
    }

    private static void Flatten(string prefix, object entity, SortedDictionary<string, string?> into, bool topLevel = false)
    {
        foreach (var property in entity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (topLevel && Bookkeeping.Contains(property.Name))
            {
                continue;
            }

            var value = property.GetValue(entity);
            if (value is IEnumerable items and not string)
            {
                foreach (var item in items)
                {
                    var id = (item.GetType().GetProperty("Id") ?? item.GetType().GetProperty("FieldId"))?.GetValue(item);
                    Flatten($"{prefix}.{property.Name}[{id}]", item, into);
                }
            }
            else if (value is null || value.GetType().IsValueType || value is string)
            {
                into[$"{prefix}.{property.Name}"] = Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }
    }

    private static void AssertSame(SortedDictionary<string, string?> expected, SortedDictionary<string, string?> actual)
    {
        var differences = expected.Keys.Union(actual.Keys)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k}: {expected.GetValueOrDefault(k) ?? "(none)"} → {actual.GetValueOrDefault(k) ?? "(none)"}")
            .ToList();
        Assert.True(differences.Count == 0, "Not restored exactly:\n" + string.Join("\n", differences));
    }
}
