using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fawkes.Portal.Data.Changes;

/// <summary>SQLite has no NOTIFY: notices published inside a transaction wait here and are delivered when it commits.</summary>
public sealed class InProcessChangeInterceptor(ChangeFeed feed) : DbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, List<ChangeNotice>> _pending = [];

    internal void Enqueue(DbTransaction transaction, ChangeNotice notice)
    {
        var list = _pending.GetOrCreateValue(transaction);
        lock (list)
        {
            list.Add(notice);
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending.Remove(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Remove(transaction);
        return Task.CompletedTask;
    }

    private void Flush(DbTransaction transaction)
    {
        if (!_pending.TryGetValue(transaction, out var list))
        {
            return;
        }
        _pending.Remove(transaction);
        ChangeNotice[] notices;
        lock (list)
        {
            notices = [.. list.Distinct()];
        }
        foreach (var notice in notices)
        {
            feed.Deliver(notice);
        }
    }
}
