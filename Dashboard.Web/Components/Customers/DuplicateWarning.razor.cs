using Dashboard.Domain.Customers;
using Dashboard.Domain.Duplicates;
using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Components.Customers;

/// <summary>
/// The live duplicate warning above the card form: after the name, company, phones or e-mails change it waits for a
/// quiet moment, asks <see cref="DuplicateFinder"/> for existing cards like the draft, and lists them with a link.
/// Only cards the user may open are shown.
/// </summary>
public sealed partial class DuplicateWarning : IDisposable
{
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(400);
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<SimilarCard> _similar = [];
    private CancellationTokenSource? _pending;

    [Inject]
    private DuplicateFinder Finder { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Parameter, EditorRequired]
    public CardDraft Draft { get; set; } = default!;

    /// <summary>The card being edited, which is not its own duplicate; null for a new card.</summary>
    [Parameter]
    public Guid? EditingCardId { get; set; }

    /// <summary>Checks again after a quiet period; a later call replaces an earlier one still waiting.</summary>
    public void Schedule()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        _ = CheckAsync(_pending.Token);
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _pending?.Dispose();
        _disposed.Dispose();
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(QuietPeriod, ct);
            var similar = await Finder.FindSimilarAsync(await CurrentActor.GetAsync(ct), Draft, EditingCardId, ct);
            if (!ct.IsCancellationRequested)
            {
                _similar = similar;
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // Replaced by a newer check, or the form closed.
        }
    }
}
