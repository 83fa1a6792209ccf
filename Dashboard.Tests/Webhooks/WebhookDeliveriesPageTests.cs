using Bunit;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Webhooks;
using Dashboard.Tests.Components;
using Dashboard.Web.Components.Admin;
using Dashboard.Web.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Webhooks;

/// <summary>The delivery log shows what the receiver answered as a status and our short reason, never its reply.</summary>
public sealed class WebhookDeliveriesPageTests : ComponentTest, IAsyncLifetime
{
    private const string Reply = "INTERNAL-REPLY-7f3a";
    private readonly IOptions<WebhookOptions> _options = Options.Create(new WebhookOptions { AllowedInternalHosts = [WebhookReceiver.Address] });
    private WebhookReceiver _receiver = null!;
    private ServiceProvider _client = null!;

    public WebhookDeliveriesPageTests()
        : base("demo-admin") => Context.Services.AddSingleton(_options);

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
        _client = new ServiceCollection().AddSingleton(_options).AddWebhookClient().BuildServiceProvider();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _client.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task AFailedDelivery_ShowsTheStatusAndReason_NotTheReceiversReply()
    {
        var webhooks = Context.Services.GetRequiredService<WebhookService>();
        var admin = await SignedInActorAsync();
        var endpoint = (await webhooks.RegisterAsync(admin, new WebhookEndpointDraft { Url = _receiver.Url.ToString() })).Value!;
        _receiver.AnswerWith(new ReceiverAnswer(502, Body: $"upstream said: {Reply}", ReasonPhrase: Reply));
        Assert.True((await webhooks.SendTestAsync(admin, endpoint.EndpointId)).Succeeded);
        await Worker().DeliverDueAsync(CancellationToken.None);

        var cut = RenderInLayout<WebhookDeliveriesPage>();
        cut.WaitForAssertion(() => Assert.Contains("HTTP 502 Bad Gateway", cut.Find("[data-testid=delivery-table] tbody").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=delivery-table] tbody button[aria-label=Attempts]").Click();

        cut.WaitForAssertion(() => Assert.Contains("HTTP 502 Bad Gateway", cut.Find("[data-testid=delivery-attempts]").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(Reply, cut.Markup, StringComparison.Ordinal);
    }

    private WebhookDeliveryWorker Worker() => new(
        Context.Services.GetRequiredService<WebhookDeliveryQueue>(),
        new WebhookSender(_client.GetRequiredService<IHttpClientFactory>(), TimeProvider.System, _options),
        new WebhookSignal(),
        Context.Services.GetRequiredService<CardChangeNotifier>(),
        _options,
        NullLogger<WebhookDeliveryWorker>.Instance);
}
