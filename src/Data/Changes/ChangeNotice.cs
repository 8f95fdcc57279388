namespace Fawkes.Portal.Data.Changes;

/// <summary>Something changed in the shared store: <see cref="Topic"/> names the area, <see cref="Key"/> the record (or null: all).</summary>
public sealed record ChangeNotice(string Topic, string? Key)
{
    public const string Catalog = "catalog";
    public const string Dora = "dora";
    public const string Users = "users";
    /// <summary>Sent locally after the feed's connection was lost and regained: notices may have been missed, re-read everything.</summary>
    public const string Resync = "resync";

    private const char Separator = '|';

    public string Payload => Key is null ? Topic : Topic + Separator + Key;

    public static ChangeNotice Parse(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var at = payload.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? new ChangeNotice(payload, null) : new ChangeNotice(payload[..at], payload[(at + 1)..]);
    }

    /// <summary>Whether a subscriber to <paramref name="topic"/> must act (a resync concerns everyone).</summary>
    public bool Concerns(string topic) => Topic == topic || Topic == Resync;
}
