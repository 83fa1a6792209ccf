using Dashboard.Domain.Common;
using Dashboard.Domain.Duplicates;
using Dashboard.Domain.Lifecycle;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Webhooks;

/// <summary>Card changes write their webhook outbox rows in the same save, whichever service made them.</summary>
public sealed class WebhookOutboxTests : WebhookTest
{
    [Fact]
    public async Task EditingACard_QueuesExactlyOneCardUpdated_WithoutContactValues()
    {
        var endpoint = await RegisterAsync();
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678").WithEmail("wang@example.com"));

        var edited = await App.EditAsync(SalesEast, card.Id, d => d.Title = "采购经理");

        Assert.True(edited.Succeeded, TestDashboard.Describe(edited));
        var deliveries = await DeliveriesAsync();
        Assert.Equal([WebhookEventNames.CardCreated, WebhookEventNames.CardUpdated], deliveries.Select(d => d.EventType));
        var update = Assert.Single(deliveries, d => d.EventType == WebhookEventNames.CardUpdated);
        Assert.Equal((endpoint.EndpointId, card.Code, WebhookDeliveryStatus.Pending), (update.EndpointId, update.CardCode, update.Status));
        var payload = Json(update.Payload);
        Assert.Equal(update.EventId, payload.GetProperty("id").GetGuid());
        Assert.Equal("card.updated", payload.GetProperty("type").GetString());
        Assert.Equal(card.Id, payload.GetProperty("card").GetProperty("id").GetGuid());
        Assert.Equal(card.Code, payload.GetProperty("card").GetProperty("code").GetString());
        Assert.Equal((await App.GetCardAsync(SalesEast, card.Id)).Version, payload.GetProperty("card").GetProperty("version").GetInt32());
        Assert.Equal(["Title"], payload.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()));
        foreach (var secret in new[] { "1234", "wang@", "王小明" })
        {
            Assert.DoesNotContain(secret, update.Payload, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ChangingTheStage_QueuesCardStageChanged_WithBothStages()
    {
        await RegisterAsync();
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().InStage(LifecycleStage.New));

        var moved = await App.Cards.ChangeStageAsync(SalesEast, card.Id, card.Version, LifecycleStage.Active);

        Assert.True(moved.Succeeded, TestDashboard.Describe(moved));
        var delivery = Assert.Single(await DeliveriesAsync(), d => d.EventType != WebhookEventNames.CardCreated);
        Assert.Equal(WebhookEventNames.CardStageChanged, delivery.EventType);
        var stage = Json(delivery.Payload).GetProperty("stage");
        Assert.Equal(("New", "Active"), (stage.GetProperty("from").GetString(), stage.GetProperty("to").GetString()));
        Assert.Equal("Active", Json(delivery.Payload).GetProperty("card").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task EventsTheEndpointDidNotSubscribeTo_AreNotQueued()
    {
        var stagesOnly = await RegisterAsync(WebhookEvents.CardStageChanged, "https://stages.example.com/hook");
        var everything = await RegisterAsync(WebhookEvents.All, "https://all.example.com/hook");
        var card = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual().InStage(LifecycleStage.New));
        await App.EditAsync(SalesEast, card.Id, d => d.Title = "Buyer");

        await App.Cards.ChangeStageAsync(SalesEast, card.Id, (await App.GetCardAsync(SalesEast, card.Id)).Version, LifecycleStage.Active);

        var deliveries = await DeliveriesAsync();
        Assert.Equal([WebhookEventNames.CardStageChanged], deliveries.Where(d => d.EndpointId == stagesOnly.EndpointId).Select(d => d.EventType));
        Assert.Equal(3, deliveries.Count(d => d.EndpointId == everything.EndpointId));
    }

    [Fact]
    public async Task AnEditRefusedAsInvalid_QueuesNothing()
    {
        await RegisterAsync();
        var card = await App.CreateCardAsync(SalesEast);
        var before = (await DeliveriesAsync()).Count;

        var result = await App.EditAsync(SalesEast, card.Id, d => d.Phones.Add(new() { Value = "not a phone" }));

        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.Equal(before, (await DeliveriesAsync()).Count);
    }

    [Fact]
    public async Task AnEditThatLosesAConcurrencyConflict_QueuesNothing()
    {
        await RegisterAsync();
        var card = await App.CreateCardAsync(SalesEast);
        App.Database.BeforeSave.OnNextSave(async () =>
        {
            await using var other = App.Database.CreateContext();
            await other.Database.ExecuteSqlAsync($"UPDATE Cards SET Version = Version + 1, Title = 'Set by someone else' WHERE Number = 1");
        });

        var result = await App.EditAsync(SalesEast, card.Id, d => d.Title = "Mine");

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.DoesNotContain(await DeliveriesAsync(), d => d.EventType == WebhookEventNames.CardUpdated);
    }

    [Fact]
    public async Task MergingTwoCards_QueuesOneCardMerged_NamingBothCards()
    {
        await RegisterAsync(WebhookEvents.CardMerged | WebhookEvents.CardUpdated);
        var survivor = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("138 1234 5678"));
        var other = await App.CreateCardAsync(SalesEast, CardDraftBuilder.Individual("王小明").WithPhone("139 8765 4321"));

        var merged = await App.Services.GetRequiredService<MergeService>().MergeAsync(Actors.TeamLeadEast, new MergeRequest { SurvivorId = survivor.Id, OtherId = other.Id });

        Assert.True(merged.Succeeded, TestDashboard.Describe(merged));
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookEventNames.CardMerged, survivor.Code), (delivery.EventType, delivery.CardCode));
        var mergedCard = Json(delivery.Payload).GetProperty("mergedCard");
        Assert.Equal((other.Id, other.Code), (mergedCard.GetProperty("id").GetGuid(), mergedCard.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task PausedAndDeletedEndpoints_GetNoNewEvents_AndDeletingCancelsWhatWasQueued()
    {
        var paused = await RegisterAsync(url: "https://paused.example.com/hook");
        var deleted = await RegisterAsync(url: "https://deleted.example.com/hook");
        await App.CreateCardAsync(SalesEast);
        Assert.True((await Webhooks.SetActiveAsync(Actors.Admin, paused.EndpointId, active: false)).Succeeded);
        Assert.True((await Webhooks.DeleteAsync(Actors.Admin, deleted.EndpointId)).Succeeded);

        await App.CreateCardAsync(SalesEast);

        var deliveries = await DeliveriesAsync();
        Assert.Single(deliveries, d => d.EndpointId == paused.EndpointId);
        Assert.Equal(WebhookDeliveryStatus.Cancelled, Assert.Single(deliveries, d => d.EndpointId == deleted.EndpointId).Status);
        Assert.DoesNotContain(await Webhooks.ListEndpointsAsync(Actors.Admin), e => e.Id == deleted.EndpointId);
    }

    [Fact]
    public async Task AnEventForSeveralEndpoints_HasOneEventId_AndOneDeliveryEach()
    {
        var first = await RegisterAsync(url: "https://one.example.com/hook");
        var second = await RegisterAsync(url: "https://two.example.com/hook");

        await App.CreateCardAsync(SalesEast);

        var deliveries = await DeliveriesAsync();
        Assert.Equal(new[] { first.EndpointId, second.EndpointId }.Order(), deliveries.Select(d => d.EndpointId).Order());
        Assert.Single(deliveries.Select(d => d.EventId).Distinct());
        Assert.Equal(2, deliveries.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public async Task WithoutEndpoints_SavesWriteNoOutboxRows()
    {
        var card = await App.CreateCardAsync(SalesEast);
        await App.EditAsync(SalesEast, card.Id, d => d.Title = "Buyer");

        Assert.Empty(await DeliveriesAsync());
    }
}
