using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Dashboard.Domain.Webhooks;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Webhooks;

/// <summary>
/// Posts one delivery, signed, and reports what came back. Never throws for the receiver's failures. What it reports
/// is ours alone: the status code with its standard phrase, or a short reason of our own. The receiver's body and
/// reason phrase are never read into the delivery log, so a delivery cannot be used to read an internal reply.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public const string ClientName = "webhooks";

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
            // Headers only: the body is never read.
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            return new WebhookAttemptOutcome(code, code is >= 200 and < 300 ? null : StatusReason(code), watch.Elapsed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttemptOutcome(null, $"No answer within {options.Value.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", watch.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptOutcome(null, FailureReason(ex, request.RequestUri!), watch.Elapsed);
        }
    }

    /// <summary>"HTTP 500 Internal Server Error": the standard phrase, not the one the receiver sent.</summary>
    private static string StatusReason(int code)
    {
        var phrase = ReasonPhrases.GetReasonPhrase(code);
        var reason = $"HTTP {code.ToString(CultureInfo.InvariantCulture)}{(phrase.Length > 0 ? " " + phrase : string.Empty)}";
        return code is >= 300 and < 400 ? reason + " (redirects are not followed)" : reason;
    }

    /// <summary>Why no answer came, in our words: the exception's own messages may quote what the other side sent.</summary>
    private static string FailureReason(HttpRequestException ex, Uri url)
    {
        if (ex.InnerException is WebhookDestinationRefusedException refused)
        {
            return refused.Message;
        }

        if (ex.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData })
        {
            return $"Could not resolve {url.IdnHost}.";
        }

        if (ex.InnerException is SocketException socket)
        {
            return $"Could not connect to the receiver ({socket.SocketErrorCode}).";
        }

        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"Could not resolve {url.IdnHost}.",
            HttpRequestError.ConnectionError => "Could not connect to the receiver.",
            HttpRequestError.SecureConnectionError => "The secure connection (TLS) to the receiver failed.",
            HttpRequestError.ResponseEnded => "The receiver closed the connection without answering.",
            HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded => "The receiver's answer was not valid HTTP.",
            _ => $"The request failed ({ex.HttpRequestError}).",
        };
    }
}
