using Fawkes.Portal.Identity;
using Fawkes.Portal.Identity.Permissions;

namespace Fawkes.Portal.Tests.Identity.Permissions;

/// <summary>Every action × caller × ownership, against a table written out by hand (not derived from the rules).</summary>
public sealed class PermissionRulesTests
{
    private static readonly string[] CallerNames =
        ["anonymous", "Learner", "Developer", "PlatformLead", "Admin", "t:catalog:read", "t:catalog:write", "t:dora:write", "t:scaffolder:run", "t:admin"];

    /// <summary>Record shapes: none = "may do it to some record"; own/other = one entity; mixed = a location with another owner's entity.</summary>
    private static readonly Dictionary<string, PermissionTarget?> Targets = new()
    {
        ["none"] = null,
        ["own"] = new PermissionTarget("component:default/mine", 1, 1),
        ["other"] = new PermissionTarget("component:default/theirs", 1, 0),
        ["mixed"] = new PermissionTarget("location file:/srv/x.yaml", 2, 1),
        ["empty"] = new PermissionTarget("location file:/srv/empty.yaml", 0, 0),
        ["empty-mine"] = new PermissionTarget("location file:/srv/mine.yaml", 0, 0, RegisteredByCaller: true),
    };

    /// <summary>Who is allowed, per action and record shape. Anything not listed is refused.</summary>
    private static readonly Dictionary<(PortalAction, string), string> Allowed = new()
    {
        [(PortalAction.CatalogRead, "*")] = "Learner Developer PlatformLead Admin t:catalog:read t:admin",
        [(PortalAction.CatalogRegister, "*")] = "Developer PlatformLead Admin t:catalog:write t:admin",
        [(PortalAction.CatalogRefresh, "*")] = "Developer PlatformLead Admin t:catalog:write t:admin",
        [(PortalAction.DoraWrite, "*")] = "PlatformLead Admin t:dora:write t:admin",
        [(PortalAction.TemplateRun, "*")] = "Developer PlatformLead Admin t:scaffolder:run t:admin",
        [(PortalAction.Admin, "*")] = "Admin t:admin",
        [(PortalAction.DojoTeam, "*")] = "PlatformLead Admin t:admin",
        [(PortalAction.CatalogUnregister, "none")] = "Developer PlatformLead Admin t:admin",
        [(PortalAction.CatalogUnregister, "own")] = "Developer PlatformLead Admin t:admin",
        [(PortalAction.CatalogUnregister, "other")] = "Admin t:admin",
        [(PortalAction.CatalogUnregister, "mixed")] = "Admin t:admin",
        [(PortalAction.CatalogUnregister, "empty")] = "Admin t:admin",
        [(PortalAction.CatalogUnregister, "empty-mine")] = "Developer PlatformLead Admin t:admin",
        [(PortalAction.LiveAction, "none")] = "Developer PlatformLead Admin t:admin",
        [(PortalAction.LiveAction, "own")] = "Developer PlatformLead Admin t:admin",
        [(PortalAction.LiveAction, "other")] = "PlatformLead Admin t:admin",
        [(PortalAction.LiveAction, "mixed")] = "PlatformLead Admin t:admin",
        [(PortalAction.LiveAction, "empty")] = "PlatformLead Admin t:admin",
        [(PortalAction.LiveAction, "empty-mine")] = "PlatformLead Admin t:admin",
        [(PortalAction.DojoLab, "none")] = "Learner Developer PlatformLead Admin t:catalog:read t:admin",
        [(PortalAction.DojoLab, "own")] = "Learner Developer PlatformLead Admin t:catalog:read t:admin",
        [(PortalAction.DojoLab, "other")] = "PlatformLead Admin t:catalog:read t:admin",
        [(PortalAction.DojoLab, "mixed")] = "PlatformLead Admin t:catalog:read t:admin",
        [(PortalAction.DojoLab, "empty")] = "PlatformLead Admin t:catalog:read t:admin",
        [(PortalAction.DojoLab, "empty-mine")] = "PlatformLead Admin t:catalog:read t:admin",
    };

    private static Caller CallerFor(string name) => name switch
    {
        "anonymous" => Caller.Anonymous,
        _ when name.StartsWith("t:", StringComparison.Ordinal) =>
            new Caller(true, true, "token:ci", new HashSet<string>(), new HashSet<string> { name[2..] }),
        _ => new Caller(true, false, "someone", PortalRoles.Implied(name).ToHashSet(), new HashSet<string>()),
    };

    private static string Expected(PortalAction action, string target)
    {
        var key = action == PortalAction.LiveLogs ? PortalAction.LiveAction : action;
        return Allowed.TryGetValue((key, target), out var list) ? list : Allowed[(key, "*")];
    }

    public static TheoryData<PortalAction, string> Cases()
    {
        var data = new TheoryData<PortalAction, string>();
        foreach (var action in Enum.GetValues<PortalAction>())
        {
            foreach (var target in Targets.Keys)
            {
                data.Add(action, target);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_caller_gets_the_table_answer(PortalAction action, string target)
    {
        var allowed = Expected(action, target).Split(' ').ToHashSet();
        var wrong = CallerNames
            .Select(name => (name, decision: PermissionRules.Decide(CallerFor(name), action, Targets[target])))
            .Where(x => x.decision.Allowed != allowed.Contains(x.name))
            .Select(x => $"{x.name}: {(x.decision.Allowed ? "allowed" : "refused")} by {x.decision.Rule}")
            .ToList();

        Assert.True(wrong.Count == 0, $"{action} on {target}:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Anonymous_is_401_and_signed_in_refusals_are_403_with_a_rule(PortalAction action, string target)
    {
        Assert.Equal(401, PermissionRules.Decide(Caller.Anonymous, action, Targets[target]).Status);
        foreach (var name in CallerNames.Skip(1))
        {
            var decision = PermissionRules.Decide(CallerFor(name), action, Targets[target]);
            Assert.Equal(decision.Allowed ? 200 : 403, decision.Status);
            Assert.False(string.IsNullOrWhiteSpace(decision.Rule));
            Assert.False(string.IsNullOrWhiteSpace(decision.Message));
        }
    }

    [Fact]
    public void A_learner_is_told_they_are_read_only()
    {
        var decision = PermissionRules.Decide(CallerFor("Learner"), PortalAction.CatalogRefresh);

        Assert.Equal("learner.read-only", decision.Rule);
    }

    [Fact]
    public void A_location_with_other_owners_names_the_location_rule_and_the_count()
    {
        var decision = PermissionRules.Decide(CallerFor("Developer"), PortalAction.CatalogUnregister, new PermissionTarget("location file:/x", 5, 2));

        Assert.Equal("catalog.unregister.location", decision.Rule);
        Assert.Contains("3 of its 5 entities", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_with_role_claims_gains_nothing_from_them()
    {
        var token = new Caller(true, true, "token:x", new HashSet<string> { PortalRoles.Admin }, new HashSet<string>());

        Assert.All(Enum.GetValues<PortalAction>(), a => Assert.False(PermissionRules.Decide(token, a).Allowed));
    }
}
