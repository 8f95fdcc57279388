using Fawkes.Portal.Features.Templates.Forms;
using Fawkes.Portal.Features.Templates.Gallery;

namespace Fawkes.Portal.Features.Templates;

public static class TemplateFormsExtensions
{
    /// <summary>The template gallery, template page and parameter wizard (the scaffolder runner registers apart).</summary>
    public static WebApplicationBuilder AddTemplateForms(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IEntityLookup, CatalogEntityLookup>();
        builder.Services.AddSingleton<TemplateGallery>();
        // Per circuit: one user's unfinished forms, secrets included.
        builder.Services.AddScoped<WizardDrafts>();
        return builder;
    }
}
