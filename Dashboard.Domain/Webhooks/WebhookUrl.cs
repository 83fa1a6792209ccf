using Dashboard.Domain.Common;

namespace Dashboard.Domain.Webhooks;

/// <summary>
/// The rules for an endpoint's URL: absolute http or https, no credentials in it, not too long, and not an internal
/// address or name (<see cref="WebhookDestinationPolicy"/>). A host name is not resolved here: it may not resolve from
/// this machine, and it may resolve differently later, so its addresses are checked at each delivery.
/// </summary>
public static class WebhookUrl
{
    /// <returns>The URL as it will be stored, or null when <paramref name="errors"/> got an error.</returns>
    public static string? Validate(string? text, WebhookDestinationPolicy destinations, List<FieldError> errors)
    {
        const string field = nameof(WebhookEndpointDraft.Url);
        if (TextInput.Check(field, text) is { } refused)
        {
            errors.Add(refused);
            return null;
        }

        var url = text?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            errors.Add(new(field, "webhook.url-required", "Enter the URL the events are posted to."));
            return null;
        }

        if (url.Length > WebhookEndpoint.UrlMaxLength)
        {
            errors.Add(new(field, "text.too-long", $"Must be at most {WebhookEndpoint.UrlMaxLength} characters."));
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(new(field, "webhook.url-invalid", "Enter an absolute http:// or https:// URL, e.g. https://example.com/hooks/cards."));
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add(new(field, "webhook.url-credentials", "Leave user names, passwords and #fragments out of the URL; deliveries are signed instead."));
            return null;
        }

        // IdnHost is what the HTTP client connects to: "①②⑦.0.0.1" is 127.0.0.1 there.
        if (destinations.CheckHost(uri.IdnHost) is { } refusal)
        {
            errors.Add(new(field, "webhook.url-internal", refusal.RegistrationMessage));
            return null;
        }

        return uri.AbsoluteUri;
    }
}
