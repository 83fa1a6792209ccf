using Dashboard.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Dashboard.Web.Auth;

/// <summary>
/// Hooks the sign-in cookie and the OpenID Connect handler: every completed sign-in and sign-out is audited, and an
/// Entra sign-in without any app role is refused (and audited) before a session cookie is issued.
/// Each hook runs after whatever handler Microsoft.Identity.Web installed for the same event.
/// </summary>
public static class SignInEvents
{
    public const string RefusedPath = "/account/refused";
    public const string SignedOutPath = "/account/signed-out";

    /// <summary>Reason shown on the refused page: the provider confirmed the person but they hold no app role.</summary>
    public const string NoRoleReason = "no-role";

    /// <summary>Reason shown on the refused page: the sign-in failed at the provider or on its way back.</summary>
    public const string FailedReason = "failed";

    public static void Configure(CookieAuthenticationOptions options, SignInKind kind)
    {
        var method = MethodName(kind);

        // A server-side session for every sign-in, named in the cookie: signing out or an Admin ending it refuses the
        // cookie at once (a copied or kept cookie opens nothing afterwards).
        var signingIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = async context =>
        {
            await signingIn(context);
            var identity = ActorResolver.IdentityOf(context.Principal);
            if (identity is not null && context.Principal?.Identity is System.Security.Claims.ClaimsIdentity claims)
            {
                var services = context.HttpContext.RequestServices;
                var member = await services.GetRequiredService<StaffDirectory>().EnsureAsync(identity.ExternalId, identity.DisplayName, identity.Email, identity.TeamName, context.HttpContext.RequestAborted);
                var session = await services.GetRequiredService<SignInSessions>().StartAsync(member.Id, identity.Roles, method, ClientAddress(context.HttpContext), context.HttpContext.RequestAborted);
                claims.AddClaim(new System.Security.Claims.Claim(SignInSessions.SessionClaim, session.ToString()));
            }
        };

        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await validate(context);
            if (context.Principal is null)
            {
                return;
            }

            if (!await IsActiveSessionAsync(context.Principal, context.HttpContext.RequestServices, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        };

        var signedIn = options.Events.OnSignedIn;
        options.Events.OnSignedIn = async context =>
        {
            await signedIn(context);
            var identity = ActorResolver.IdentityOf(context.Principal);
            if (identity is not null)
            {
                var audit = context.HttpContext.RequestServices.GetRequiredService<SignInAudit>();
                await audit.RecordSignedInAsync(identity, method, ClientAddress(context.HttpContext), context.HttpContext.RequestAborted);
            }
        };

        var signingOut = options.Events.OnSigningOut;
        options.Events.OnSigningOut = async context =>
        {
            await signingOut(context);
            if (SessionOf(context.HttpContext.User) is { } session)
            {
                await context.HttpContext.RequestServices.GetRequiredService<SignInSessions>().EndAsync(session, context.HttpContext.RequestAborted);
            }

            var identity = ActorResolver.IdentityOf(context.HttpContext.User);
            if (identity is not null)
            {
                var audit = context.HttpContext.RequestServices.GetRequiredService<SignInAudit>();
                await audit.RecordSignedOutAsync(identity, method, ClientAddress(context.HttpContext), context.HttpContext.RequestAborted);
            }
        };
    }

    public static void Configure(OpenIdConnectOptions options)
    {
        var method = MethodName(SignInKind.Entra);
        var tokenValidated = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            await tokenValidated(context);
            if (context.Result is not null || context.Principal is null)
            {
                return;
            }

            var identity = ActorResolver.IdentityOf(context.Principal);
            if (identity is null || identity.Roles.Count == 0)
            {
                // No session for someone the app has no role for: they would only meet "no access" everywhere.
                var audit = context.HttpContext.RequestServices.GetRequiredService<SignInAudit>();
                var reason = identity is null ? "the identity token names no user (oid)" : "no app role assigned";
                await audit.RecordRefusedAsync(identity, method, reason, ClientAddress(context.HttpContext), context.HttpContext.RequestAborted);
                context.HandleResponse();
                context.Response.Redirect($"{RefusedPath}?reason={NoRoleReason}");
            }
        };

        var remoteFailure = options.Events.OnRemoteFailure;
        options.Events.OnRemoteFailure = async context =>
        {
            await remoteFailure(context);
            if (context.Result is not null)
            {
                return;
            }

            var audit = context.HttpContext.RequestServices.GetRequiredService<SignInAudit>();
            var reason = context.Failure?.Message ?? "the sign-in did not complete";
            await audit.RecordRefusedAsync(null, method, reason, ClientAddress(context.HttpContext), context.HttpContext.RequestAborted);
            context.HandleResponse();
            context.Response.Redirect($"{RefusedPath}?reason={FailedReason}");
        };

        var signOutRedirect = options.Events.OnRedirectToIdentityProviderForSignOut;
        options.Events.OnRedirectToIdentityProviderForSignOut = async context =>
        {
            await signOutRedirect(context);
            // RP-initiated logout: without an id_token_hint (tokens are not kept in the cookie) the provider needs the
            // client id to accept the post-logout redirect back to the app.
            if (string.IsNullOrEmpty(context.ProtocolMessage.IdTokenHint) && string.IsNullOrEmpty(context.ProtocolMessage.ClientId))
            {
                context.ProtocolMessage.ClientId = context.Options.ClientId;
            }
        };
    }

    /// <summary>Whether the principal's cookie names a session that has not ended (cookies without one are from before sessions and sign in again).</summary>
    public static async Task<bool> IsActiveSessionAsync(System.Security.Claims.ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct) =>
        SessionOf(principal) is { } session && await services.GetRequiredService<SignInSessions>().IsActiveAsync(session, ct);

    private static Guid? SessionOf(System.Security.Claims.ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(SignInSessions.SessionClaim)?.Value, out var id) ? id : null;

    private static string MethodName(SignInKind kind) => kind == SignInKind.Entra ? "Entra ID" : "the demo sign-in";

    private static string? ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}
