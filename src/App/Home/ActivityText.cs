using Fawkes.Portal.Operations.Audit;
using MudBlazor;

namespace Fawkes.Portal.App.Home;

/// <summary>Turns audit entries into the sentences of the activity feed.</summary>
public static class ActivityText
{
    public static string Describe(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Action switch
        {
            "user.signin" => "signed in",
            "user.signout" => "signed out",
            "apitoken.create" => $"created API token {Name(entry.Target)}",
            "apitoken.revoke" => $"revoked API token {Name(entry.Target)}",
            "catalog.location.register" => $"registered {Name(entry.Target)}",
            "catalog.location.unregister" => $"unregistered {Name(entry.Target)}",
            "catalog.entity.delete" => $"deleted {Name(entry.Target)}",
            _ => $"{entry.Action} {entry.Target}",
        };
    }

    public static string IconFor(string action) => action.Split('.')[0] switch
    {
        "user" => Icons.Material.Outlined.Login,
        "apitoken" => Icons.Material.Outlined.Key,
        "catalog" => Icons.Material.Outlined.Category,
        _ => Icons.Material.Outlined.History,
    };

    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        return span.TotalMinutes < 1 ? "just now"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min ago"
            : span.TotalDays < 1 ? $"{(int)span.TotalHours} h ago"
            : $"{(int)span.TotalDays} d ago";
    }

    private static string Name(string target) => target.Contains(':', StringComparison.Ordinal) ? target[(target.IndexOf(':', StringComparison.Ordinal) + 1)..] : target;
}
