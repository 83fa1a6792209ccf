using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Tests.Webhooks;

/// <summary>A request the receiver got: its headers and raw body.</summary>
public sealed record ReceivedWebhook(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"No {name} header.");
}

/// <summary>What the receiver answers one request: a status code, and optionally a body, a reason phrase and a Location.</summary>
public sealed record ReceiverAnswer(int StatusCode, string? Body = null, string? ReasonPhrase = null, string? Location = null);

/// <summary>
/// A webhook receiver on a real socket (Kestrel on 127.0.0.1, a free port): records every request and answers with the
/// status codes (and bodies) a test scripts, 200 once the script runs out. <see cref="HangNext"/> makes it keep the next
/// request open. Every answer closes its connection, so each request makes the sender connect (and check) again.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>The address every receiver listens on; tests list it in Dashboard:Webhooks:AllowedInternalHosts.</summary>
    public const string Address = "127.0.0.1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceiverAnswer> _answers = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _hangNext;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://{Address}:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/cards", receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hooks/cards");
        return receiver;
    }

    /// <summary>The next requests get these status codes, in order.</summary>
    public void AnswerWith(params int[] statusCodes)
    {
        foreach (var code in statusCodes)
        {
            _answers.Enqueue(new ReceiverAnswer(code));
        }
    }

    /// <summary>The next request gets this answer.</summary>
    public void AnswerWith(ReceiverAnswer answer) => _answers.Enqueue(answer);

    /// <summary>The next request is recorded but never answered until the receiver stops.</summary>
    public void HangNext() => _hangNext = true;

    /// <summary>Waits until <paramref name="count"/> requests in all have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (_received.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"Expected {count} webhook requests, got {_received.Count}.");
            }
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new ReceivedWebhook(headers, body));
        _arrived.Release();
        if (_hangNext)
        {
            _hangNext = false;
            await Task.Delay(Timeout.Infinite, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        var answer = _answers.TryDequeue(out var scripted) ? scripted : new ReceiverAnswer(StatusCodes.Status200OK);
        http.Response.StatusCode = answer.StatusCode;
        http.Response.Headers.Connection = "close";
        if (answer.ReasonPhrase is not null)
        {
            http.Features.GetRequiredFeature<IHttpResponseFeature>().ReasonPhrase = answer.ReasonPhrase;
        }

        if (answer.Location is not null)
        {
            http.Response.Headers.Location = answer.Location;
        }

        await http.Response.WriteAsync(answer.Body ?? (answer.StatusCode is >= 200 and < 300 ? "ok" : "receiver error"));
    }
}
