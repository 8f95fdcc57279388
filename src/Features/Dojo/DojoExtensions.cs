using Fawkes.Portal.Features.Dojo.Content;
using Fawkes.Portal.Features.Dojo.Labs;
using Fawkes.Portal.Features.Dojo.Progress;
using Fawkes.Portal.Features.Dojo.Quizzes;
using Fawkes.Portal.Features.Dojo.Reader;

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
        builder.Services.AddDojoLabs();
        return builder;
    }

    public static IEndpointRouteBuilder MapDojo(this IEndpointRouteBuilder app) => app.MapDojoApi().MapDojoLabs();
}
