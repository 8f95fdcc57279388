using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Labs;

/// <summary>
/// One lab check type of <see cref="LabCheckTypes"/>. It reads the live platform through the same services (and caches)
/// as the entity page, and answers FAIL with a reason for anything missing or unreachable: it throws only on cancellation.
/// </summary>
public interface ILabCheck
{
    string Type { get; }

    Task<LabCheckResult> RunAsync(LabTarget target, LabCheck check, CancellationToken ct);
}

/// <summary>A check's parameters by their declared kind (<see cref="LabCheckTypes"/>), with the documented defaults.</summary>
internal static class LabParameters
{
    public static bool Bool(LabCheck check, string name, bool fallback) => check.Parameters.GetValueOrDefault(name) is bool b ? b : fallback;

    public static int Int(LabCheck check, string name, int fallback) => check.Parameters.GetValueOrDefault(name) is int i ? i : fallback;

    public static double? Number(LabCheck check, string name) => check.Parameters.GetValueOrDefault(name) is double d ? d : null;

    public static string? Text(LabCheck check, string name) => check.Parameters.GetValueOrDefault(name) as string;

    public static IReadOnlyList<string> TextList(LabCheck check, string name) => check.Parameters.GetValueOrDefault(name) as string[] ?? [];
}
