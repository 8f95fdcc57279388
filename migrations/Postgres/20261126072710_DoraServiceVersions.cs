using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DoraServiceVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dora_service_versions",
                columns: table => new
                {
                    ServiceKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Service = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dora_service_versions", x => x.ServiceKey);
                });

            // Events stored before versions existed: give each of their services a first version.
            migrationBuilder.Sql("INSERT INTO dora_service_versions (\"ServiceKey\", \"Service\", \"Version\") SELECT \"ServiceKey\", MAX(\"Service\"), 1 FROM dora_events GROUP BY \"ServiceKey\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dora_service_versions");
        }
    }
}
