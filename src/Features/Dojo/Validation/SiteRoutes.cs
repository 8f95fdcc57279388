using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Dojo.Validation;

/// <summary>The portal's page routes (from the <c>@page</c> directives), so a module's <c>/catalog</c> link can be checked.</summary>
public sealed class SiteRoutes(IReadOnlyList<string> templates)
{
    public IReadOnlyList<string> Templates { get; } = templates;

    public static SiteRoutes FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return new SiteRoutes([.. assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false))
            .Select(r => r.Template)
            .Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    public static SiteRoutes Portal { get; } = FromAssembly(typeof(SiteRoutes).Assembly);

    /// <summary>Whether a site-relative path (query and fragment already removed) is one of the portal's pages.</summary>
    public bool Matches(string path)
    {
        var segments = Split(path);
        return Templates.Any(t => Matches(Split(t), segments));
    }

    private static bool Matches(string[] template, string[] path)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var t = template[i];
            if (t.StartsWith("{*", StringComparison.Ordinal) || t.StartsWith("{**", StringComparison.Ordinal))
            {
                return true;
            }
            var optional = t.StartsWith('{') && t.EndsWith("?}", StringComparison.Ordinal);
            if (i >= path.Length)
            {
                return optional && i == template.Length - 1;
            }
            if (!t.StartsWith('{') && !string.Equals(t, path[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return template.Length == path.Length;
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}
