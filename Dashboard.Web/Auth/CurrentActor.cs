using Dashboard.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Auth;

/// <summary>The signed-in actor of this circuit, resolved once and shared by every component on it.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, ActorResolver resolver)
{
    private readonly Lock _gate = new();
    private Task<Actor>? _actor;

    /// <summary>Components ask concurrently while a page renders; they all await the same resolution.</summary>
    public Task<Actor> GetAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_actor is null || _actor.IsFaulted || _actor.IsCanceled)
            {
                _actor = ResolveAsync();
            }

            return _actor;
        }
    }

    private async Task<Actor> ResolveAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await resolver.ResolveAsync(state.User)
            ?? throw new InvalidOperationException("No signed-in user: every page requires sign-in.");
    }
}
