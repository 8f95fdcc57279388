using System.Globalization;
using Fawkes.Portal.Features.Dora.Calculation;

namespace Fawkes.Portal.Features.Dora.Api;

/// <summary>The read API's query string: scope, window (<c>to</c> inclusive), bucket.</summary>
internal sealed record DoraQuery(string? Service, string? Team, string? System, string? From, string? To, string? Bucket, string? Format, string? Environment)
{
    public DoraScope Scope => new(Service, Team, System, Environment);

    public bool TryWindow(out DateOnly from, out DateOnly to, out string? error)
    {
        to = DateOnly.FromDateTime(DateTime.UtcNow);
        from = to.AddDays(-89);
        error = null;
        if (To is not null && !DateOnly.TryParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to))
        {
            error = $"to '{To}' is not a date (YYYY-MM-DD).";
        }
        else if (From is not null && !DateOnly.TryParseExact(From, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
        {
            error = $"from '{From}' is not a date (YYYY-MM-DD).";
        }
        else if (From is null)
        {
            from = to.AddDays(-89);
        }
        if (error is null && from > to)
        {
            error = $"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).";
        }
        return error is null;
    }

    public bool TryBucket(out Bucket bucket, out string? error)
    {
        error = null;
        bucket = Calculation.Bucket.Month;
        switch (Bucket?.ToLowerInvariant())
        {
            case null or "month":
                return true;
            case "week":
                bucket = Calculation.Bucket.Week;
                return true;
            default:
                error = $"bucket '{Bucket}' must be month or week.";
                return false;
        }
    }
}
