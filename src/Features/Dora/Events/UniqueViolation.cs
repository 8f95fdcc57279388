using Microsoft.Data.Sqlite;
using Npgsql;

namespace Fawkes.Portal.Features.Dora.Events;

/// <summary>Recognises a primary-key or unique violation on either provider, however EF wrapped it.</summary>
internal static class UniqueViolation
{
    public static bool Is(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            // 2067 is SQLITE_CONSTRAINT_UNIQUE, 1555 SQLITE_CONSTRAINT_PRIMARYKEY.
            if (ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || ex is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 })
            {
                return true;
            }
        }
        return false;
    }
}
