using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Tests.Support;

/// <summary>
/// Runs a one-off action just before the next SaveChanges, after the service has done its checks:
/// the way to make another writer slip in between a service's read and its write.
/// </summary>
public sealed class BeforeSaveHook : SaveChangesInterceptor
{
    private Func<Task>? _next;

    public void OnNextSave(Func<Task> action) => _next = action;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        // Taken before running, so a save made by the action itself is not intercepted again.
        var action = Interlocked.Exchange(ref _next, null);
        if (action is not null)
        {
            await action();
        }

        return result;
    }
}
