using Dashboard.Domain.Common;

namespace Dashboard.Domain.Webhooks;

/// <summary>The rules for an endpoint's URL: absolute http or https, no credentials in it, not too long.</summary>
public static class WebhookUrl
{
    /// <returns>The URL as it will be stored, or null when <paramref name="errors"/> got an error.</returns>
    public static string? Validate(string? text, List<FieldError> errors)
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

        return uri.AbsoluteUri;
    }
}
