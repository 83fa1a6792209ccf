using Dashboard.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Dashboard.Web.Auth;

/// <summary>
/// An open screen (a Blazor circuit) keeps the user it started with; this checks every half minute that their
/// sign-in session has not ended, so a screen left open after signing out elsewhere, or after an Admin ended the
/// session, stops showing data.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await SignInEvents.IsActiveSessionAsync(authenticationState.User, scope.ServiceProvider, cancellationToken);
    }
}
