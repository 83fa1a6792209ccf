using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Security;

/// <summary>
/// The Content-Security-Policy the app sends. Scripts come only from the app itself: blazor.web.js, MudBlazor's
/// script, ApexCharts (a file under lib/apexcharts) and the Scalar bundle. The only inline scripts are the import
/// map that <c>&lt;ImportMap /&gt;</c> writes into every page and the Scalar page's start-up module; both are allowed
/// by their SHA-256 hash, never by 'unsafe-inline'. Styles need 'unsafe-inline': MudBlazor and ApexCharts set
/// style attributes and insert &lt;style&gt; elements at run time.
/// </summary>
public sealed class ContentSecurityPolicy
{
    /// <summary>API answers are data, never documents: nothing may load, frame or submit from them.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly ConditionalWeakTable<ImportMapDefinition, string> ImportMapHashes = [];

    private readonly string _formAction;
    private readonly string _connect;

    public ContentSecurityPolicy(IConfiguration configuration, IHostEnvironment environment)
    {
        // Signing out posts a form whose answer redirects to Entra ID; browsers check form-action on that redirect too.
        _formAction = AuthenticationSetup.IsEntraConfigured(configuration)
            && Uri.TryCreate(configuration[$"{AuthenticationSetup.AzureAdSection}:Instance"], UriKind.Absolute, out var instance)
                ? $"'self' {instance.GetLeftPart(UriPartial.Authority)}"
                : "'self'";

        // 'self' covers the circuit's WebSocket (ws/wss to the same host) in current browsers. In Development,
        // dotnet watch's browser refresh talks to its own local port.
        _connect = environment.IsDevelopment() ? "'self' ws://localhost:* wss://localhost:*" : "'self'";
    }

    /// <summary>The policy of an HTML page (or a file it loads) whose inline scripts have these hash sources.</summary>
    public string ForPage(IEnumerable<string> scriptHashes)
    {
        var scripts = string.Join(' ', scriptHashes.Distinct(StringComparer.Ordinal).Select(hash => $"'{hash}'"));
        return "default-src 'self'; "
            + $"script-src 'self'{(scripts.Length > 0 ? " " + scripts : string.Empty)}; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; "
            + "font-src 'self' data:; "
            + $"connect-src {_connect}; "
            + "object-src 'none'; "
            + "frame-ancestors 'none'; "
            + "base-uri 'self'; "
            + $"form-action {_formAction}";
    }

    /// <summary>
    /// The hash source of the import map that <c>&lt;ImportMap /&gt;</c> renders for this endpoint: it writes
    /// the definition's JSON (<see cref="ImportMapDefinition.ToString"/>) as the script's text, so the same text hashes the same.
    /// </summary>
    public static string? ImportMapHash(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<ImportMapDefinition>() is { } importMap
            ? ImportMapHashes.GetValue(importMap, map => HashSource(map.ToString()))
            : null;

    /// <summary>A CSP hash source ("sha256-…") of an inline script's text as the browser sees it.</summary>
    public static string HashSource(string scriptText)
    {
        // The HTML parser turns CR LF and lone CR into LF before the script's text exists.
        var text = scriptText.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
