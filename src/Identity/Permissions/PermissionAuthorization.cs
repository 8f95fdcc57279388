using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Fawkes.Portal.Identity.Permissions;

/// <summary>An endpoint or page's action, checked by <see cref="PermissionRules"/> before the handler runs.</summary>
public sealed record PermissionRequirement(PortalAction Action) : IAuthorizationRequirement;

/// <summary>Carries the refusal's rule to the 403 body.</summary>
internal sealed class PermissionFailure(IAuthorizationHandler handler, PermissionDecision decision)
    : AuthorizationFailureReason(handler, decision.Message)
{
    public PermissionDecision Decision { get; } = decision;
}

internal sealed class PermissionRequirementHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var decision = PermissionRules.Decide(Caller.From(context.User), requirement.Action);
        if (decision.Allowed)
        {
            context.Succeed(requirement);
        }
        else if (decision.Status == StatusCodes.Status403Forbidden)
        {
            context.Fail(new PermissionFailure(this, decision));
        }
        return Task.CompletedTask;
    }
}

/// <summary>API callers refused by a rule get <c>403</c> problem+json naming it; pages keep the access-denied page.</summary>
internal sealed class PermissionResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.Request.Path.StartsWithSegments("/api")
            && authorizeResult.AuthorizationFailure?.FailureReasons.OfType<PermissionFailure>().FirstOrDefault() is { } failure)
        {
            return PermissionProblems.WriteAsync(context, failure.Decision);
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>Refusals as <c>application/problem+json</c> with the rule's name (<c>rule</c>) beside the message.</summary>
public static class PermissionProblems
{
    public static IResult Result(PermissionDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Results.Problem(decision.Message, statusCode: decision.Status, title: Title(decision),
            extensions: new Dictionary<string, object?> { ["rule"] = decision.Rule });
    }

    internal static async Task WriteAsync(HttpContext context, PermissionDecision decision)
    {
        context.Response.StatusCode = decision.Status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = decision.Status, Title = Title(decision), Detail = decision.Message, Extensions = { ["rule"] = decision.Rule } },
        });
    }

    private static string Title(PermissionDecision d) => d.Status == StatusCodes.Status401Unauthorized ? "Authentication required" : "Forbidden";
}
