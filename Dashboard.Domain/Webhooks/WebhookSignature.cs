using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Domain.Webhooks;

/// <summary>
/// The <c>X-Dashboard-Signature</c> header: <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed with the
/// endpoint's secret (UTF-8), of the <c>X-Dashboard-Timestamp</c> value, a dot and the raw body. Signing the
/// timestamp lets receivers refuse old messages replayed at them.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Compute(string secret, long unixSeconds, string body)
    {
        var signed = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}

/// <summary>The HTTP headers every delivery carries.</summary>
public static class WebhookHeaders
{
    public const string Event = "X-Dashboard-Event";
    public const string Delivery = "X-Dashboard-Delivery";
    public const string Timestamp = "X-Dashboard-Timestamp";
    public const string Signature = "X-Dashboard-Signature";
}
