using Fawkes.Portal.Features.Dojo.Certificates;
using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Labs;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Features.Dojo.Quizzes;
using Fawkes.Portal.Features.Dojo.Reader;
using Fawkes.Portal.Features.Dojo.Recommendations;
using Fawkes.Portal.Features.Dojo.Review;
using Fawkes.Portal.Features.Dojo.Team;

namespace Fawkes.Portal.Features.Dojo;

public static class DojoExtensions
{
    public static WebApplicationBuilder AddDojo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DojoOptions>().BindConfiguration(DojoOptions.Section);
        builder.Services.AddSingleton<DojoContentStore>();
        builder.Services.AddSingleton<ModuleRenderer>();
        builder.Services.AddSingleton<ProgressStore>();
        builder.Services.AddSingleton<ProgressService>();
        builder.Services.AddSingleton<QuizService>();
        builder.Services.AddSingleton<ReviewService>();
        builder.Services.AddSingleton<TeamPasses>();
        builder.Services.AddSingleton<DojoRecommender>();
        builder.Services.AddOptions<BadgeOptions>().BindConfiguration(BadgeOptions.Section)
            .Validate(o => BadgeOptions.IsValidBaseUrl(o.PublicBaseUrl), "Dojo:Badges:PublicBaseUrl must be an absolute http(s) URL without a query.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.IssuerName) && !string.IsNullOrWhiteSpace(o.IssuerEmail),
                "Dojo:Badges:IssuerName and Dojo:Badges:IssuerEmail are required (Open Badges issuers have both).")
            .ValidateOnStart();
        builder.Services.AddSingleton<BadgeLinks>();
        builder.Services.AddSingleton<CertificateAwarder>();
        builder.Services.AddSingleton<CertificateService>();
        builder.Services.AddSingleton<TeamProgressService>();
        builder.Services.AddDojoLabs();
        return builder;
    }

    public static IEndpointRouteBuilder MapDojo(this IEndpointRouteBuilder app) => app.MapDojoApi().MapDojoLabs().MapDojoCertificates().MapDojoTeamApi().MapRecommendationsApi().MapReviewApi();
}
