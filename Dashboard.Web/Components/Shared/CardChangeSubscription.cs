using Dashboard.Domain.Changes;

namespace Dashboard.Web.Components.Shared;

/// <summary>
/// Listens to saved card changes for one screen and calls back once per quiet period, so a burst
/// of saves causes one refresh rather than one per save.
/// </summary>
public sealed class CardChangeSubscription : IDisposable
{
    private readonly CardChangeNotifier _notifier;
    private readonly Func<CardChange, bool> _filter;
    private readonly Func<IReadOnlyList<CardChange>, Task> _onChanges;
    private readonly TimeSpan _quietPeriod;
    private readonly Lock _gate = new();
    private readonly List<CardChange> _pending = [];
    private Timer? _timer;
    private bool _disposed;

    public CardChangeSubscription(CardChangeNotifier notifier, Func<CardChange, bool> filter, Func<IReadOnlyList<CardChange>, Task> onChanges, TimeSpan? quietPeriod = null)
    {
        _notifier = notifier;
        _filter = filter;
        _onChanges = onChanges;
        _quietPeriod = quietPeriod ?? TimeSpan.FromMilliseconds(300);
        _notifier.Changed += OnChanged;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _notifier.Changed -= OnChanged;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void OnChanged(CardChange change)
    {
        if (!_filter(change))
        {
            return;
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending.Add(change);
            _timer ??= new Timer(_ => Flush(), null, _quietPeriod, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        List<CardChange> batch;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            batch = [.. _pending];
            _pending.Clear();
            _timer?.Dispose();
            _timer = null;
        }

        _ = _onChanges(batch);
    }
}
