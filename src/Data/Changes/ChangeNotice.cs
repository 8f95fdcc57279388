namespace Fawkes.Portal.Data.Changes;

/// <summary>
/// Something changed in the shared store: <see cref="Topic"/> names the area, <see cref="Key"/> the record (or null: all),
/// <see cref="Origin"/> the replica that wrote it (null for local notices), so a replica can skip what it already handled.
/// </summary>
public sealed record ChangeNotice(string Topic, string? Key, string? Origin = null)
{
    public const string Catalog = "catalog";
    public const string Dora = "dora";
    public const string Users = "users";
    /// <summary>Sent locally after the feed's connection was lost and regained: notices may have been missed, re-read everything.</summary>
    public const string Resync = "resync";

    private const char Separator = '|';

    /// <summary><c>topic|origin|key</c>; the key comes last and may itself contain the separator.</summary>
    public string Payload => $"{Topic}{Separator}{Origin}{Separator}{Key}";

    public static ChangeNotice Parse(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var parts = payload.Split(Separator, 3);
        return new ChangeNotice(parts[0], parts.Length > 2 && parts[2].Length > 0 ? parts[2] : null,
            parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null);
    }

    /// <summary>Whether a subscriber to <paramref name="topic"/> must act (a resync concerns everyone).</summary>
    public bool Concerns(string topic) => Topic == topic || Topic == Resync;
}
