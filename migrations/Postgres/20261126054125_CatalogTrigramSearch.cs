using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CatalogTrigramSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search is a substring match on SearchText; a trigram index keeps it fast at 100k entities.
            // pg_trgm is a trusted extension: the database owner may create it (no superuser needed).
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS \"IX_catalog_entities_SearchText_trgm\" ON catalog_entities USING gin (\"SearchText\" gin_trgm_ops);");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_catalog_entities_SearchText_trgm\";");

        }
    }
}
