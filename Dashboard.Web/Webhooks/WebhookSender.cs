using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Domain.Webhooks;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Webhooks;

/// <summary>Posts one delivery, signed, and reports what came back. Never throws for the receiver's failures.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";
    private const int ErrorBodyChars = 200;

    public async Task<WebhookAttemptOutcome> SendAsync(WebhookDispatch dispatch, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, dispatch.Url)
        {
            Content = new StringContent(dispatch.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookHeaders.Event, dispatch.EventType);
        request.Headers.Add(WebhookHeaders.Delivery, dispatch.DeliveryId.ToString());
        request.Headers.Add(WebhookHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.Signature, WebhookSignature.Compute(dispatch.Secret, timestamp, dispatch.Payload));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("CustomerCardDashboard-Webhooks", "1.0"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            string? error = null;
            if (code is < 200 or >= 300)
            {
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                error = $"HTTP {code.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}{(body.Length == 0 ? string.Empty : ": " + body[..Math.Min(body.Length, ErrorBodyChars)])}";
            }

            return new WebhookAttemptOutcome(code, error, watch.Elapsed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttemptOutcome(null, $"No answer within {options.Value.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", watch.Elapsed);
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookDestinationRefusedException refused)
        {
            return new WebhookAttemptOutcome(null, refused.Message, watch.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptOutcome(null, ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message, watch.Elapsed);
        }
    }
}
