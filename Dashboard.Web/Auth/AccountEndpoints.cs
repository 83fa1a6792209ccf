using System.Security.Claims;
using Dashboard.Domain.DemoData;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Auth;

/// <summary>Sign-in and sign-out endpoints for both Entra ID and the development demo users.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app, SignInKind kind)
    {
        var account = app.MapGroup("/account").AllowAnonymous();
        if (kind == SignInKind.Entra)
        {
            account.MapGet("/signin", (string? returnUrl) =>
                TypedResults.Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]));
            // Reading the form makes the antiforgery check apply, so another site cannot sign people out.
            // After the provider's end-session the user lands on a plain "signed out" page (not a protected page,
            // which would send them straight back to the provider's sign-in).
            account.MapPost("/logout", ([FromForm] string? returnUrl) =>
                TypedResults.SignOut(
                    new AuthenticationProperties { RedirectUri = string.IsNullOrEmpty(returnUrl) ? SignInEvents.SignedOutPath : SafeReturnUrl(returnUrl) },
                    [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        }
        else
        {
            account.MapPost("/dev-login", async (HttpContext http, [FromForm] string user, [FromForm] string? returnUrl) =>
            {
                var demo = DemoUsers.Find(user);
                if (demo is null)
                {
                    return Results.Redirect("/account/login?error=unknown-user");
                }

                var identity = new ClaimsIdentity(
                    [
                        new Claim(ClaimTypes.NameIdentifier, demo.ExternalId),
                        new Claim(ClaimTypes.Name, demo.DisplayName),
                        new Claim(ClaimTypes.Email, demo.Email),
                        new Claim(ClaimTypes.Role, demo.Role.ToString()),
                    ],
                    CookieAuthenticationDefaults.AuthenticationScheme);
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
                return Results.LocalRedirect(SafeReturnUrl(returnUrl));
            });
            // The form parameter makes the antiforgery check apply (see the Entra branch); after signing out the user starts afresh.
            account.MapPost("/logout", async (HttpContext http, [FromForm] string? returnUrl) =>
            {
                _ = returnUrl;
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("/account/login");
            });
        }

        return app;
    }

    /// <summary>
    /// Only local paths are followed after sign-in, so the endpoint cannot be used as an open redirect.
    /// Control characters are refused too: browsers drop them, so "/\t/evil.example" would become "//evil.example".
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl.StartsWith('/')
        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
        && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}
