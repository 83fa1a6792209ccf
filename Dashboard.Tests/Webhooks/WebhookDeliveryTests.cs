using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
    private readonly FakeDns _dns = new();
    private readonly List<ServiceProvider> _clients = [];
    private WebhookReceiver _receiver = null!;

    /// <summary>The receiver listens on loopback, as an on-premises receiver would on its network: the operator lists it.</summary>
    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<WebhookOptions>(o => o.AllowedInternalHosts = [WebhookReceiver.Address]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

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
        Assert.Equal("Could not connect to the receiver (ConnectionRefused).", delivery.LastError);
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

    [Fact]
    public async Task AReceiverOnAnInternalAddressThatIsNoLongerListed_IsRefused_AndGetsNothing()
    {
        // Registered while the operator listed it (or before registration checked addresses); the list changed since.
        await RegisterAsync(url: _receiver.Url.ToString());
        await App.CreateCardAsync(SalesEast);

        await Sender(allowed: []).DeliverDueAsync(CancellationToken.None);

        Assert.Empty(_receiver.Received);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, (int?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Equal("Refused: 127.0.0.1 is a loopback address, not listed in Dashboard:Webhooks:AllowedInternalHosts.", delivery.LastError);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("93.184.215.14,127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("169.254.169.254", "cloud metadata")]
    public async Task AHostNameResolvingToAnInternalAddress_IsRefusedAtDelivery_AfterPassingRegistration(string addresses, string range)
    {
        _dns.Answer("hooks.example.test", addresses.Split(','));
        await RegisterAsync(url: UrlWithHost("hooks.example.test"));
        await App.CreateCardAsync(SalesEast);

        await Sender(allowed: []).DeliverDueAsync(CancellationToken.None);

        Assert.Empty(_receiver.Received);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, (int?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.StartsWith($"Refused: hooks.example.test resolves to a {range} address", delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostNameThatLaterResolvesToAMetadataAddress_IsRefusedFromThenOn()
    {
        _dns.Answer("hooks.example.test", WebhookReceiver.Address);
        await RegisterAsync(url: UrlWithHost("hooks.example.test"));
        var sender = Sender();
        await App.CreateCardAsync(SalesEast);
        await sender.DeliverDueAsync(CancellationToken.None);
        Assert.Single(await _receiver.WaitForAsync(1));

        // DNS rebinding: the same name now also answers with the metadata service.
        _dns.Answer("hooks.example.test", WebhookReceiver.Address, "169.254.169.254");
        await App.CreateCardAsync(SalesEast);
        await sender.DeliverDueAsync(CancellationToken.None);

        Assert.Single(_receiver.Received);
        var deliveries = await DeliveriesAsync();
        Assert.Equal([WebhookDeliveryStatus.Delivered, WebhookDeliveryStatus.Pending], deliveries.Select(d => d.Status));
        Assert.Equal("Refused: hooks.example.test resolves to a cloud metadata address, which is never called.", deliveries[1].LastError);
    }

    [Fact]
    public async Task ARedirect_IsNotFollowed_AndCountsAsAFailedAttempt()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync();
        await RegisterAsync(url: _receiver.Url.ToString());
        _receiver.AnswerWith(new ReceiverAnswer(307, Location: elsewhere.Url.ToString()));
        await App.CreateCardAsync(SalesEast);

        await Sender().DeliverDueAsync(CancellationToken.None);

        Assert.Single(await _receiver.WaitForAsync(1));
        Assert.Empty(elsewhere.Received);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, 307), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Equal("HTTP 307 Temporary Redirect (redirects are not followed)", delivery.LastError);
    }

    [Fact]
    public async Task AFailedAnswer_IsLoggedAsItsStatusOnly_NeverWithTheReceiversReply()
    {
        const string reply = "INTERNAL-REPLY-7f3a";
        var endpoint = await RegisterAsync(url: _receiver.Url.ToString());
        _receiver.AnswerWith(new ReceiverAnswer(500, Body: $"<h1>{reply}</h1> db=postgres://admin:hunter2@10.0.0.5", ReasonPhrase: $"Oops {reply}"));
        await App.CreateCardAsync(SalesEast);

        await Sender().DeliverDueAsync(CancellationToken.None);

        var delivery = Assert.Single(await DeliveriesAsync());
        var attempt = Assert.Single(await AttemptsAsync(delivery.Id));
        Assert.Equal((500, "HTTP 500 Internal Server Error"), (delivery.LastStatusCode, delivery.LastError));
        Assert.Equal((500, "HTTP 500 Internal Server Error"), (attempt.StatusCode, attempt.Error));
        var views = System.Text.Json.JsonSerializer.Serialize(new object[]
        {
            (await Webhooks.ListDeliveriesAsync(Actors.Admin, new WebhookDeliveryFilter(endpoint.EndpointId), 0, 50)).Items,
            await Webhooks.ListAttemptsAsync(Actors.Admin, delivery.Id),
        });
        Assert.DoesNotContain(reply, views, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", views, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatDoesNotSpeakHttp_IsLoggedWithoutWhatItSent()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            await stream.WriteAsync("220 INTERNAL-BANNER-7f3a ESMTP Postfix\r\n"u8.ToArray());
            _ = await stream.ReadAtLeastAsync(new byte[4096], 1, throwOnEndOfStream: false);
        });
        await RegisterAsync(url: $"http://{WebhookReceiver.Address}:{((IPEndPoint)listener.LocalEndpoint).Port}/hooks/cards");
        await App.CreateCardAsync(SalesEast);

        await Sender().DeliverDueAsync(CancellationToken.None);
        await server;

        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal(((int?)null, "The receiver's answer was not valid HTTP."), (delivery.LastStatusCode, delivery.LastError));
    }

    [Fact]
    public async Task AHostThatDoesNotResolve_IsLoggedWithAShortReason()
    {
        await RegisterAsync(url: UrlWithHost("nowhere.example.test"));
        await App.CreateCardAsync(SalesEast);

        await Sender().DeliverDueAsync(CancellationToken.None);

        Assert.Equal("Could not resolve nowhere.example.test.", Assert.Single(await DeliveriesAsync()).LastError);
    }

    [Fact]
    public async Task AReasonIsStoredWithoutControlCharacters_AndAtMostTwoHundredCharactersLong()
    {
        await RegisterAsync(url: _receiver.Url.ToString());
        await App.CreateCardAsync(SalesEast);
        var queue = new WebhookDeliveryQueue(App.Database.Factory, App.Clock, Options.Create(new WebhookOptions()));
        var dispatch = Assert.Single(await queue.ClaimDueAsync());

        await queue.RecordAsync(dispatch, new WebhookAttemptOutcome(null, "Line one\r\nLine\ttwo\u0007\u001b[31m red\u202e" + new string('x', 1000), TimeSpan.FromSeconds(1)));

        var error = Assert.Single(await DeliveriesAsync()).LastError!;
        Assert.StartsWith("Line one Line two [31m red xxx", error, StringComparison.Ordinal);
        Assert.Equal(WebhookDelivery.ReasonMaxLength, error.Length);
        Assert.EndsWith("…", error, StringComparison.Ordinal);
        Assert.DoesNotContain(error, c => char.IsControl(c) || c == '\u202e');
        Assert.Equal(error, Assert.Single(await AttemptsAsync(dispatch.DeliveryId)).Error);
    }

    /// <summary>The receiver's check, written out independently of the product's code.</summary>
    private static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body))).ToLowerInvariant();

    /// <summary>The receiver's URL with its address replaced by a host name (which <see cref="_dns"/> answers for).</summary>
    private string UrlWithHost(string host) => new UriBuilder(_receiver.Url) { Host = host }.Uri.ToString();

    /// <summary>A sender with the product's HTTP client; <paramref name="allowed"/> is its AllowedInternalHosts (the receiver's address unless given).</summary>
    private WebhookDeliveryWorker Sender(int maxAttempts = 10, IList<string>? allowed = null)
    {
        var options = Options.Create(new WebhookOptions
        {
            BackoffBase = Backoff,
            BackoffMax = TimeSpan.FromHours(1),
            MaxAttempts = maxAttempts,
            Timeout = TimeSpan.FromSeconds(5),
            AllowedInternalHosts = allowed ?? [WebhookReceiver.Address],
        });
        var client = new ServiceCollection().AddSingleton(options).AddSingleton<WebhookHostResolver>(_dns).AddWebhookClient().BuildServiceProvider();
        _clients.Add(client);
        return new WebhookDeliveryWorker(
            new WebhookDeliveryQueue(App.Database.Factory, App.Clock, options),
            new WebhookSender(client.GetRequiredService<IHttpClientFactory>(), App.Clock, options),
            new WebhookSignal(),
            App.Services.GetRequiredService<CardChangeNotifier>(),
            options,
            NullLogger<WebhookDeliveryWorker>.Instance);
    }

    /// <summary>A DNS whose answers a test sets, and may change between deliveries; other names are not found.</summary>
    private sealed class FakeDns : WebhookHostResolver
    {
        private readonly ConcurrentDictionary<string, IPAddress[]> _answers = new(StringComparer.OrdinalIgnoreCase);

        public void Answer(string host, params string[] addresses) => _answers[host] = [.. addresses.Select(IPAddress.Parse)];

        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
            _answers.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : throw new SocketException((int)SocketError.HostNotFound);
    }
}
