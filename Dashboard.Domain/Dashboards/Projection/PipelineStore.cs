using System.Data.Common;
using System.Diagnostics;
using Dashboard.Domain.Changes;
using Dashboard.Domain.Persistence;
using Dashboard.Domain.Tiers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Dashboard.Domain.Dashboards.Projection;

/// <summary>A card's scope and filter columns before and after a change, for telling which cached views it touches.</summary>
public readonly record struct CardDimensions(int Owner, int Team, int Region, int Industry, bool Counted);

/// <summary>
/// The pipeline projection (<see cref="CardFacts"/>) held in memory as columns: one slot per card with what it is
/// filtered and scoped by, and its stage moves, purchases and interactions in shared arrays. Loaded once (in the
/// background at start, or on first use), then kept current from the change notifier: the rows of the cards a burst
/// of saves touched are read again. Every figure of every view is one scan over the slots
/// (<see cref="PipelineComputation"/>), in parallel, under a read lock.
/// </summary>
public sealed class PipelineStore : IDisposable
{
    private const int NoValue = -1;
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(15);

    private readonly IDbContextFactory<DashboardDbContext> _dbFactory;
    private readonly ILogger<PipelineStore> _logger;
    private readonly CardChangeNotifier _notifier;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock _pendingGate = new();
    private readonly HashSet<Guid> _pending = [];
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly Dictionary<Guid, int> _slotOf = [];
    private readonly Dictionary<Guid, int> _ids = [];
    private readonly List<Guid> _idList = [];
    private readonly Dictionary<string, int> _currencies = new(StringComparer.Ordinal);
    private Task? _flush;
    private bool _loaded;
    private bool _loading;

    public PipelineStore(IDbContextFactory<DashboardDbContext> dbFactory, CardChangeNotifier notifier, ILogger<PipelineStore> logger)
    {
        _dbFactory = dbFactory;
        _notifier = notifier;
        _logger = logger;
        notifier.Changed += OnCardChanged;
    }

    /// <summary>Raised after the rows of changed cards were read again, with each card's dimensions before and after.</summary>
    public event Action<IReadOnlyList<(CardDimensions Before, CardDimensions After)>>? Updated;

    /// <summary>Goes up with every applied change; a computation records the one it saw.</summary>
    public long Version { get; private set; }

    internal Columns Data { get; } = new();

    /// <summary>How long the last load took and how many cards it read, for the log and the benchmarks.</summary>
    public (int Cards, TimeSpan Took) LastLoad { get; private set; }

    /// <summary>The interned id of a staff member or team (-1 when the store has never seen it).</summary>
    public int IndexOf(Guid id)
    {
        lock (_ids)
        {
            return _ids.TryGetValue(id, out var index) ? index : NoValue;
        }
    }

    public Guid IdAt(int index)
    {
        lock (_ids)
        {
            return _idList[index];
        }
    }

    public int CurrencyIndex(string currency)
    {
        lock (_currencies)
        {
            return _currencies.TryGetValue(currency, out var index) ? index : NoValue;
        }
    }

    /// <summary>Reads the projection into memory unless it is there already; callers wait for one load.</summary>
    public async Task EnsureLoadedAsync(CancellationToken ct = default)
    {
        if (_loaded)
        {
            return;
        }

        await _loadGate.WaitAsync(ct);
        try
        {
            if (_loaded)
            {
                return;
            }

            lock (_pendingGate)
            {
                _loading = true;
            }

            var started = Stopwatch.GetTimestamp();
            await using var db = await _dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "CardId", "OwnerId", "TeamId", "RegionId", "IndustryId", "Tier", "CreatedTicks", "Merged", "Facts" FROM "CardFacts" """;
            var rows = 0;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                _lock.EnterWriteLock();
                try
                {
                    while (await reader.ReadAsync(ct))
                    {
                        Put(ReadRow(reader));
                        rows++;
                    }
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }

            LastLoad = (rows, Stopwatch.GetElapsedTime(started));
            _logger.LogInformation("Loaded the pipeline projection of {Cards:N0} cards in {Seconds:F2} s", rows, LastLoad.Took.TotalSeconds);
            _loaded = true;
            bool pending;
            lock (_pendingGate)
            {
                _loading = false;
                pending = _pending.Count > 0;
            }

            if (pending)
            {
                // Changes committed while the rows were read may be in them or not: they are read again.
                await FlushAsync();
            }
        }
        finally
        {
            _loadGate.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> under the read lock, with the projection loaded.</summary>
    internal async Task<T> ReadAsync<T>(Func<Columns, long, T> read, CancellationToken ct)
    {
        await EnsureLoadedAsync(ct);
        _lock.EnterReadLock();
        try
        {
            return read(Data, Version);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Waits until every change announced so far has been read into memory.</summary>
    public async Task SettledAsync()
    {
        while (true)
        {
            Task? flush;
            lock (_pendingGate)
            {
                flush = _flush;
                if (flush is null && (_pending.Count == 0 || !_loaded))
                {
                    return;
                }
            }

            if (flush is not null)
            {
                await flush;
            }
            else
            {
                await FlushAsync();
            }
        }
    }

    /// <summary>Reads the rows of <paramref name="cards"/> again now (the notifier does this by itself after each burst).</summary>
    public async Task RefreshAsync(IReadOnlyCollection<Guid> cards, CancellationToken ct = default)
    {
        if (!_loaded || cards.Count == 0)
        {
            return;
        }

        Dictionary<Guid, CardFacts> rows = [];
        await using (var db = await _dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            foreach (var chunk in cards.Chunk(2_000))
            {
                await using var command = CardFactsBuilder.Command(connection, null, """
                    SELECT "CardId", "OwnerId", "TeamId", "RegionId", "IndustryId", "Tier", "CreatedTicks", "Merged", "Facts"
                    FROM "CardFacts" WHERE "CardId" IN (SELECT value FROM json_each($ids))
                    """, chunk);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var row = ReadRow(reader);
                    rows[row.CardId] = row;
                }
            }
        }

        var changes = new List<(CardDimensions, CardDimensions)>(cards.Count);
        _lock.EnterWriteLock();
        try
        {
            foreach (var id in cards)
            {
                var before = _slotOf.TryGetValue(id, out var slot) ? Data.Dimensions(slot) : default;
                var after = rows.TryGetValue(id, out var row) ? Data.Dimensions(Put(row)) : Remove(id);
                changes.Add((before, after));
            }

            Data.CompactIfWasteful();
            Version++;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        Updated?.Invoke(changes);
    }

    public void Dispose()
    {
        _notifier.Changed -= OnCardChanged;
        _lock.Dispose();
        _loadGate.Dispose();
        _flushGate.Dispose();
    }

    internal static CardFacts ReadRow(DbDataReader reader) => new()
    {
        CardId = Guid.Parse(reader.GetString(0)),
        OwnerId = Guid.Parse(reader.GetString(1)),
        TeamId = reader.IsDBNull(2) ? null : Guid.Parse(reader.GetString(2)),
        RegionId = reader.IsDBNull(3) ? null : reader.GetInt32(3),
        IndustryId = reader.IsDBNull(4) ? null : reader.GetInt32(4),
        Tier = reader.IsDBNull(5) ? null : Enum.Parse<CustomerTier>(reader.GetString(5)),
        CreatedTicks = reader.GetInt64(6),
        Merged = reader.GetBoolean(7),
        Facts = (byte[])reader.GetValue(8),
    };

    private void OnCardChanged(CardChange change)
    {
        lock (_pendingGate)
        {
            _pending.Add(change.CardId);
            if (!_loaded || _loading || _flush is not null)
            {
                return;
            }

            _flush = Task.Run(async () =>
            {
                await Task.Delay(Coalesce);
                await FlushAsync();
            });
        }
    }

    private async Task FlushAsync()
    {
        // One reader of changed rows at a time, so that an older read is never applied after a newer one.
        await _flushGate.WaitAsync();
        try
        {
            await FlushPendingAsync();
        }
        finally
        {
            _flushGate.Release();
        }
    }

    private async Task FlushPendingAsync()
    {
        while (true)
        {
            Guid[] cards;
            lock (_pendingGate)
            {
                if (_pending.Count == 0)
                {
                    _flush = null;
                    return;
                }

                cards = [.. _pending];
                _pending.Clear();
            }

            try
            {
                await RefreshAsync(cards);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "The pipeline projection could not read {Count} changed cards; dashboards may lag until the next change", cards.Length);
            }
        }
    }

    private int Put(CardFacts row)
    {
        if (!_slotOf.TryGetValue(row.CardId, out var slot))
        {
            slot = Data.AddSlot();
            _slotOf[row.CardId] = slot;
        }

        var (stages, purchases, interactions) = CardFactsCodec.Decode(row.Facts);
        Data.Set(slot, Intern(row.OwnerId), row.TeamId is { } team ? Intern(team) : NoValue, row.RegionId ?? NoValue, row.IndustryId ?? NoValue,
            row.Tier is { } tier ? (int)tier : NoValue, row.CreatedTicks, row.Merged, stages, purchases.Select(p => (p.On.DayNumber, p.AmountMinor, Currency(p.Currency))).ToList(), interactions);
        return slot;
    }

    private CardDimensions Remove(Guid id)
    {
        if (_slotOf.Remove(id, out var slot))
        {
            Data.Clear(slot);
        }

        return default;
    }

    private int Intern(Guid id)
    {
        lock (_ids)
        {
            if (!_ids.TryGetValue(id, out var index))
            {
                _ids[id] = index = _idList.Count;
                _idList.Add(id);
            }

            return index;
        }
    }

    private int Currency(string currency)
    {
        lock (_currencies)
        {
            if (!_currencies.TryGetValue(currency, out var index))
            {
                _currencies[currency] = index = _currencies.Count;
            }

            return index;
        }
    }

    /// <summary>The slots and pools; written only under the store's write lock.</summary>
    internal sealed class Columns
    {
        public int Count;
        public int[] Owner = new int[1024];
        public int[] Team = new int[1024];
        public int[] Region = new int[1024];
        public int[] Industry = new int[1024];
        public int[] Tier = new int[1024];
        public long[] Created = new long[1024];
        public bool[] Counted = new bool[1024];
        public int[] StageStart = new int[1024];
        public int[] StageCount = new int[1024];
        public int[] PurchaseStart = new int[1024];
        public int[] PurchaseCount = new int[1024];
        public int[] InteractionStart = new int[1024];
        public int[] InteractionCount = new int[1024];

        public long[] StageTicks = new long[4096];
        public byte[] StageFrom = new byte[4096];
        public byte[] StageTo = new byte[4096];
        public int StagesUsed;

        public int[] PurchaseDay = new int[4096];
        public long[] PurchaseMinor = new long[4096];
        public int[] PurchaseCurrency = new int[4096];
        public int PurchasesUsed;

        public long[] InteractionTicks = new long[4096];
        public int InteractionsUsed;

        private int _wasted;

        public CardDimensions Dimensions(int slot) => new(Owner[slot], Team[slot], Region[slot], Industry[slot], Counted[slot]);

        public int AddSlot()
        {
            if (Count == Owner.Length)
            {
                var size = Count * 2;
                Array.Resize(ref Owner, size);
                Array.Resize(ref Team, size);
                Array.Resize(ref Region, size);
                Array.Resize(ref Industry, size);
                Array.Resize(ref Tier, size);
                Array.Resize(ref Created, size);
                Array.Resize(ref Counted, size);
                Array.Resize(ref StageStart, size);
                Array.Resize(ref StageCount, size);
                Array.Resize(ref PurchaseStart, size);
                Array.Resize(ref PurchaseCount, size);
                Array.Resize(ref InteractionStart, size);
                Array.Resize(ref InteractionCount, size);
            }

            return Count++;
        }

        public void Set(int slot, int owner, int team, int region, int industry, int tier, long created, bool merged,
            List<StageFact> stages, List<(int Day, long Minor, int Currency)> purchases, List<long> interactions)
        {
            _wasted += StageCount[slot] + PurchaseCount[slot] + InteractionCount[slot];
            (Owner[slot], Team[slot], Region[slot], Industry[slot], Tier[slot], Created[slot], Counted[slot]) = (owner, team, region, industry, tier, created, !merged);

            Ensure(ref StageTicks, StagesUsed + stages.Count);
            Ensure(ref StageFrom, StagesUsed + stages.Count);
            Ensure(ref StageTo, StagesUsed + stages.Count);
            (StageStart[slot], StageCount[slot]) = (StagesUsed, stages.Count);
            foreach (var stage in stages)
            {
                StageTicks[StagesUsed] = stage.Ticks;
                StageFrom[StagesUsed] = stage.From is { } from ? (byte)from : byte.MaxValue;
                StageTo[StagesUsed] = (byte)stage.To;
                StagesUsed++;
            }

            Ensure(ref PurchaseDay, PurchasesUsed + purchases.Count);
            Ensure(ref PurchaseMinor, PurchasesUsed + purchases.Count);
            Ensure(ref PurchaseCurrency, PurchasesUsed + purchases.Count);
            (PurchaseStart[slot], PurchaseCount[slot]) = (PurchasesUsed, purchases.Count);
            foreach (var (day, minor, currency) in purchases)
            {
                (PurchaseDay[PurchasesUsed], PurchaseMinor[PurchasesUsed], PurchaseCurrency[PurchasesUsed]) = (day, minor, currency);
                PurchasesUsed++;
            }

            Ensure(ref InteractionTicks, InteractionsUsed + interactions.Count);
            (InteractionStart[slot], InteractionCount[slot]) = (InteractionsUsed, interactions.Count);
            foreach (var ticks in interactions)
            {
                InteractionTicks[InteractionsUsed++] = ticks;
            }
        }

        public void Clear(int slot)
        {
            _wasted += StageCount[slot] + PurchaseCount[slot] + InteractionCount[slot];
            (Owner[slot], Team[slot], Region[slot], Industry[slot], Tier[slot], Counted[slot]) = (NoValue, NoValue, NoValue, NoValue, NoValue, false);
            (StageCount[slot], PurchaseCount[slot], InteractionCount[slot]) = (0, 0, 0);
        }

        /// <summary>Rewritten cards leave their old facts behind in the pools; once they are half of them, the pools are copied live-only.</summary>
        public void CompactIfWasteful()
        {
            if (_wasted < 65_536 || _wasted < (StagesUsed + PurchasesUsed + InteractionsUsed) / 2)
            {
                return;
            }

            var stageTicks = new long[StageTicks.Length];
            var stageFrom = new byte[StageFrom.Length];
            var stageTo = new byte[StageTo.Length];
            var purchaseDay = new int[PurchaseDay.Length];
            var purchaseMinor = new long[PurchaseMinor.Length];
            var purchaseCurrency = new int[PurchaseCurrency.Length];
            var interactionTicks = new long[InteractionTicks.Length];
            int stages = 0, purchases = 0, interactionsUsed = 0;
            for (var slot = 0; slot < Count; slot++)
            {
                Array.Copy(StageTicks, StageStart[slot], stageTicks, stages, StageCount[slot]);
                Array.Copy(StageFrom, StageStart[slot], stageFrom, stages, StageCount[slot]);
                Array.Copy(StageTo, StageStart[slot], stageTo, stages, StageCount[slot]);
                StageStart[slot] = stages;
                stages += StageCount[slot];
                Array.Copy(PurchaseDay, PurchaseStart[slot], purchaseDay, purchases, PurchaseCount[slot]);
                Array.Copy(PurchaseMinor, PurchaseStart[slot], purchaseMinor, purchases, PurchaseCount[slot]);
                Array.Copy(PurchaseCurrency, PurchaseStart[slot], purchaseCurrency, purchases, PurchaseCount[slot]);
                PurchaseStart[slot] = purchases;
                purchases += PurchaseCount[slot];
                Array.Copy(InteractionTicks, InteractionStart[slot], interactionTicks, interactionsUsed, InteractionCount[slot]);
                InteractionStart[slot] = interactionsUsed;
                interactionsUsed += InteractionCount[slot];
            }

            (StageTicks, StageFrom, StageTo, StagesUsed) = (stageTicks, stageFrom, stageTo, stages);
            (PurchaseDay, PurchaseMinor, PurchaseCurrency, PurchasesUsed) = (purchaseDay, purchaseMinor, purchaseCurrency, purchases);
            (InteractionTicks, InteractionsUsed) = (interactionTicks, interactionsUsed);
            _wasted = 0;
        }

        private static void Ensure<T>(ref T[] array, int size)
        {
            if (size > array.Length)
            {
                Array.Resize(ref array, Math.Max(size, array.Length * 2));
            }
        }
    }
}
