using System.Security.Claims;
using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary><c>GET /v2/tasks</c>'s query: filters, paging and order as Backstage parses them (docs/scaffolder-semantics.md §6.2).</summary>
public sealed record TaskListQuery(IReadOnlyList<string> CreatedBy, IReadOnlyList<string> Status, int? Limit, int? Offset,
    IReadOnlyList<(string Field, bool Descending)> Order)
{
    public static readonly TaskListQuery Default = new([], [], null, null, []);

    private static readonly string[] Fields = ["created_at", "status", "created_by"];

    /// <summary>Parses the query string; a bad <c>order</c>, <c>limit</c> or <c>offset</c> throws with Backstage's message.</summary>
    public static TaskListQuery Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var order = new List<(string, bool)>();
        foreach (var value in Values(query["order"]))
        {
            var parts = value.Split(':');
            if (parts.Length != 2 || parts[0] is not ("asc" or "desc"))
            {
                throw new TaskLaunchException(400, "InputError", $"Invalid order parameter \"{value}\", expected \"<asc or desc>:<field name>\"");
            }
            if (!Fields.Contains(parts[1]))
            {
                throw new TaskLaunchException(400, "InputError", $"Invalid order field \"{parts[1]}\"");
            }
            order.Add((parts[1], parts[0] == "desc"));
        }
        return new TaskListQuery(Values(query["createdBy"]), Values(query["status"]), Number(query, "limit"), Number(query, "offset"), order);
    }

    private static List<string> Values(StringValues values) => values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();

    private static int? Number(IQueryCollection query, string name)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }
        return int.TryParse(text, out var n) && n >= 0 ? n : throw new TaskLaunchException(400, "InputError", $"Invalid {name}, not a non-negative integer: '{text}'");
    }
}

/// <summary>Lists tasks for the API and the <em>My runs</em> page. Non-admins only ever see their own tasks; an Admin sees
/// everyone's unless <c>onlyMine</c>.</summary>
public sealed class TaskQueries(IDbContextFactory<PortalDbContext> factory, TaskAccess access)
{
    /// <summary>
    /// Tasks waiting in <c>awaiting-approval</c> that <paramref name="user"/> may approve or reject, oldest first: the
    /// approver's to-do list (a PlatformLead does not otherwise see other people's runs).
    /// </summary>
    public async Task<IReadOnlyList<ScaffolderTask>> AwaitingDecisionAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var waiting = await db.Set<ScaffolderTask>().AsNoTracking().Where(t => t.Status == ScaffolderTaskStatus.AwaitingApproval)
            .OrderBy(t => t.CreatedAt).Take(200).ToListAsync(ct);
        var mine = new List<ScaffolderTask>();
        foreach (var task in waiting)
        {
            if ((await access.CanDecideAsync(user, task, ct)).Allowed)
            {
                mine.Add(task);
            }
        }
        return mine;
    }

    public async Task<(IReadOnlyList<ScaffolderTask> Tasks, int Total)> ListAsync(ClaimsPrincipal user, TaskListQuery query, bool onlyMine, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await factory.CreateDbContextAsync(ct);
        var tasks = db.Set<ScaffolderTask>().AsNoTracking();
        if (onlyMine || !TaskAccess.IsAdmin(user))
        {
            var me = TaskAccess.InitiatorOf(user);
            tasks = tasks.Where(t => t.Initiator == me);
        }
        if (query.CreatedBy.Count > 0)
        {
            tasks = tasks.Where(t => t.CreatedBy != null && query.CreatedBy.Contains(t.CreatedBy));
        }
        if (query.Status.Count > 0)
        {
            tasks = tasks.Where(t => query.Status.Contains(t.Status));
        }
        var total = await tasks.CountAsync(ct);
        IOrderedQueryable<ScaffolderTask>? ordered = null;
        foreach (var (field, descending) in query.Order.Count > 0 ? query.Order : [("created_at", true)])
        {
            ordered = (field, descending, ordered) switch
            {
                ("status", false, null) => tasks.OrderBy(t => t.Status),
                ("status", true, null) => tasks.OrderByDescending(t => t.Status),
                ("created_by", false, null) => tasks.OrderBy(t => t.CreatedBy),
                ("created_by", true, null) => tasks.OrderByDescending(t => t.CreatedBy),
                (_, false, null) => tasks.OrderBy(t => t.CreatedAt),
                (_, true, null) => tasks.OrderByDescending(t => t.CreatedAt),
                ("status", false, { } o) => o.ThenBy(t => t.Status),
                ("status", true, { } o) => o.ThenByDescending(t => t.Status),
                ("created_by", false, { } o) => o.ThenBy(t => t.CreatedBy),
                ("created_by", true, { } o) => o.ThenByDescending(t => t.CreatedBy),
                (_, false, { } o) => o.ThenBy(t => t.CreatedAt),
                (_, true, { } o) => o.ThenByDescending(t => t.CreatedAt),
            };
        }
        IQueryable<ScaffolderTask> page = ordered!.ThenBy(t => t.Id);
        if (query.Offset is { } offset)
        {
            page = page.Skip(offset);
        }
        if (query.Limit is { } limit)
        {
            page = page.Take(limit);
        }
        return (await page.ToListAsync(ct), total);
    }
}
