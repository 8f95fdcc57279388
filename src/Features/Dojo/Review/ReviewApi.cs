using System.Security.Claims;
using Fawkes.Portal.Features.Dojo.Quizzes;
using Fawkes.Portal.Identity;

namespace Fawkes.Portal.Features.Dojo.Review;

/// <summary>
/// <c>GET /api/dojo/review/me</c>: today's spaced review (questions without answers, or 204 when nothing is due) with the
/// counts; <c>POST</c> grades it (<c>{attemptId, answers}</c>). A review belongs to a signed-in learner: tokens get 400.
/// </summary>
internal static class ReviewApi
{
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        const string Path = "/api/dojo/review/me";
        app.MapGet(Path, async (ClaimsPrincipal user, ReviewService reviews, CancellationToken ct) =>
        {
            if (DojoApi.LearnerLogin(user) is not { } login)
            {
                return NoLearner();
            }
            var (due, next) = await reviews.StatusAsync(login, ct);
            return Results.Ok(new { due, nextDueAt = next, sheet = due == 0 ? null : await reviews.SheetAsync(login, ct) });
        }).WithTags("Dojo").RequireAuthorization(Policies.CatalogRead);
        app.MapPost(Path, async (QuizSubmission body, ClaimsPrincipal user, ReviewService reviews, CancellationToken ct) =>
        {
            if (DojoApi.LearnerLogin(user) is not { } login)
            {
                return NoLearner();
            }
            try
            {
                return Results.Ok(await reviews.GradeAsync(login, body.AttemptId, body.Answers, ct));
            }
            catch (QuizAnswerException ex)
            {
                return Results.Problem(title: "Invalid answers", detail: ex.Message, statusCode: 400);
            }
        }).WithTags("Dojo").RequireAuthorization(Policies.CatalogRead);
        return app;
    }

    private static IResult NoLearner() => Results.Problem(title: "No learner", statusCode: 400,
        detail: "A review belongs to a signed-in person; an API token has none. Sign in to the portal to review.");
}
