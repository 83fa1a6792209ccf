using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Common;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Support;
using Dashboard.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Webhooks;

/// <summary>
/// The sender against a local receiver: signed requests, retries after the backoff (on the test's clock), failure
/// after the last attempt, "retry now", and claims that outlive a stopped sender.
/// </summary>
public sealed class WebhookDeliveryTests : WebhookTest
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(30);
    private WebhookReceiver _receiver = null!;
    private ServiceProvider _http = null!;

    /// <summary>The receiver listens on loopback, as an on-premises receiver would on its network: the operator lists it.</summary>
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<WebhookOptions>(o => o.AllowedInternalHosts = [WebhookReceiver.Address]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _http = new ServiceCollection().AddWebhookClient().BuildServiceProvider();
    }

    public override async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _http.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task ADelivery_IsSignedWithTheSecretOverTheTimestampAndBody()
    {
        var endpoint = await RegisterAsync(url: _receiver.Url.ToString());
        var card = await App.CreateCardAsync(SalesEast);

        await Sender().DeliverDueAsync(CancellationToken.None);

        var request = Assert.Single(await _receiver.WaitForAsync(1));
        var delivery = Assert.Single(await DeliveriesAsync());
        var timestamp = request.Header(WebhookHeaders.Timestamp);
        Assert.Equal(App.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        Assert.Equal(Sign(endpoint.Secret, timestamp, request.Body), request.Header(WebhookHeaders.Signature));
        Assert.NotEqual(Sign(endpoint.Secret, timestamp, request.Body.Replace(card.Code, "C-999999", StringComparison.Ordinal)), request.Header(WebhookHeaders.Signature));
        Assert.NotEqual(Sign("whsec_someone-else", timestamp, request.Body), request.Header(WebhookHeaders.Signature));
        Assert.Equal("card.created", request.Header(WebhookHeaders.Event));
        Assert.Equal(delivery.Id.ToString(), request.Header(WebhookHeaders.Delivery));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(card.Code, Json(request.Body).GetProperty("card").GetProperty("code").GetString());
        Assert.Equal(delivery.EventId, Json(request.Body).GetProperty("id").GetGuid());
        delivery = await DeliveryAsync(delivery.Id);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 1, 200), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
    }

    [Fact]
    public async Task AReceiverFailingTwice_GetsTheEventOnTheThirdAttempt_EachAfterItsBackoff()
    {
        await RegisterAsync(url: _receiver.Url.ToString());
        _receiver.AnswerWith(500, 500, 200);
        await App.CreateCardAsync(SalesEast);
        var sender = Sender();

        await sender.DeliverDueAsync(CancellationToken.None);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 500), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Equal(App.Clock.UtcNow + Backoff, delivery.NextAttemptAt);

        // Not due yet: nothing is sent before the backoff has passed.
        await sender.DeliverDueAsync(CancellationToken.None);
        App.Clock.Advance(Backoff - TimeSpan.FromSeconds(1));
        await sender.DeliverDueAsync(CancellationToken.None);
        Assert.Single(_receiver.Received);

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await sender.DeliverDueAsync(CancellationToken.None);
        await _receiver.WaitForAsync(2);
        delivery = await DeliveryAsync(delivery.Id);
        Assert.Equal((WebhookDeliveryStatus.Pending, 2), (delivery.Status, delivery.Attempts));
        Assert.Equal(App.Clock.UtcNow + (2 * Backoff), delivery.NextAttemptAt);

        App.Clock.Advance((2 * Backoff) - TimeSpan.FromSeconds(1));
        await sender.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(2, _receiver.Received.Count);

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await sender.DeliverDueAsync(CancellationToken.None);
        var requests = await _receiver.WaitForAsync(3);
        delivery = await DeliveryAsync(delivery.Id);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 3, App.Clock.UtcNow), (delivery.Status, delivery.Attempts, delivery.DeliveredAt));
        Assert.Equal([500, 500, 200], (await AttemptsAsync(delivery.Id)).Select(a => a.StatusCode));
        Assert.Single(requests.Select(r => r.Header(WebhookHeaders.Delivery)).Distinct());
        Assert.Single(requests.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task AfterTheLastAllowedAttempt_TheDeliveryFails_AndRetryNowDeliversIt()
    {
        await RegisterAsync(url: _receiver.Url.ToString());
        _receiver.AnswerWith(503, 503);
        await App.CreateCardAsync(SalesEast);
        var sender = Sender(maxAttempts: 2);
        await sender.DeliverDueAsync(CancellationToken.None);
        App.Clock.Advance(Backoff);
        await sender.DeliverDueAsync(CancellationToken.None);

        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Failed, 2, (DateTime?)null), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt));
        App.Clock.Advance(TimeSpan.FromDays(1));
        await sender.DeliverDueAsync(CancellationToken.None);
        Assert.Equal(2, _receiver.Received.Count);

        Assert.Equal(CommandStatus.Forbidden, (await Webhooks.RetryNowAsync(Actors.TeamLeadEast, delivery.Id)).Status);
        Assert.True((await Webhooks.RetryNowAsync(Actors.Admin, delivery.Id)).Succeeded);
        await sender.DeliverDueAsync(CancellationToken.None);

        await _receiver.WaitForAsync(3);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 3), ((await DeliveryAsync(delivery.Id)).Status, (await DeliveryAsync(delivery.Id)).Attempts));
        Assert.Contains(await App.AuditTrailAsync(), e => e.Action == WebhookService.RetriedAction);
    }

    [Fact]
    public async Task AnUnreachableReceiver_CountsAsAFailedAttemptWithTheReason()
    {
        var gone = await WebhookReceiver.StartAsync();
        var url = gone.Url.ToString();
        await gone.DisposeAsync();
        await RegisterAsync(url: url);
        await App.CreateCardAsync(SalesEast);

        await Sender().DeliverDueAsync(CancellationToken.None);

        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, (int?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.False(string.IsNullOrWhiteSpace(delivery.LastError));
        Assert.Equal(App.Clock.UtcNow + Backoff, delivery.NextAttemptAt);
    }

    [Fact]
    public async Task AClaimLeftByASenderThatStopped_IsTakenUpAgainOnceItRunsOut()
    {
        await RegisterAsync(url: _receiver.Url.ToString());
        await App.CreateCardAsync(SalesEast);
        var options = Options.Create(new WebhookOptions());
        var stopped = new WebhookDeliveryQueue(App.Database.Factory, App.Clock, options);
        var next = new WebhookDeliveryQueue(App.Database.Factory, App.Clock, options);

        Assert.Single(await stopped.ClaimDueAsync());
        Assert.Empty(await next.ClaimDueAsync());
        App.Clock.Advance(options.Value.ClaimDuration);
        var retaken = Assert.Single(await next.ClaimDueAsync());

        Assert.Equal((await DeliveriesAsync()).Single().Id, retaken.DeliveryId);
    }

    [Fact]
    public async Task ATestEvent_ReachesTheEndpoint_WhateverItSubscribesTo()
    {
        var endpoint = await RegisterAsync(WebhookEvents.CardMerged, _receiver.Url.ToString());

        var queued = await Webhooks.SendTestAsync(Actors.Admin, endpoint.EndpointId);
        await Sender().DeliverDueAsync(CancellationToken.None);

        Assert.True(queued.Succeeded);
        var request = Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Equal(WebhookEventNames.Test, request.Header(WebhookHeaders.Event));
        Assert.Equal(endpoint.EndpointId, Json(request.Body).GetProperty("endpointId").GetGuid());
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await DeliveryAsync(queued.Value)).Status);
    }

    /// <summary>The receiver's check, written out independently of the product's code.</summary>
    private static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body))).ToLowerInvariant();

    private WebhookDeliveryWorker Sender(int maxAttempts = 10)
    {
        var options = Options.Create(new WebhookOptions { BackoffBase = Backoff, BackoffMax = TimeSpan.FromHours(1), MaxAttempts = maxAttempts, Timeout = TimeSpan.FromSeconds(5) });
        return new WebhookDeliveryWorker(
            new WebhookDeliveryQueue(App.Database.Factory, App.Clock, options),
            new WebhookSender(_http.GetRequiredService<IHttpClientFactory>(), App.Clock, options),
            new WebhookSignal(),
            App.Services.GetRequiredService<CardChangeNotifier>(),
            options,
            NullLogger<WebhookDeliveryWorker>.Instance);
    }
}
