using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Fawkes.Portal.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddDojoProgress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dojo_belt_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Login = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Belt = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Correct = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    ScorePercent = table.Column<int>(type: "integer", nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    MissedQuestionIds = table.Column<string>(type: "text", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dojo_belt_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dojo_lab_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Login = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModuleId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ServiceRef = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    EvidenceJson = table.Column<string>(type: "text", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dojo_lab_results", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dojo_parts_read",
                columns: table => new
                {
                    Login = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModuleId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Part = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dojo_parts_read", x => new { x.Login, x.ModuleId, x.Part });
                });

            migrationBuilder.CreateTable(
                name: "dojo_quiz_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Login = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModuleId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Correct = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    ScorePercent = table.Column<int>(type: "integer", nullable: false),
                    Passed = table.Column<bool>(type: "boolean", nullable: false),
                    MissedQuestionIds = table.Column<string>(type: "text", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dojo_quiz_attempts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dojo_belt_attempts_Login_Belt",
                table: "dojo_belt_attempts",
                columns: new[] { "Login", "Belt" });

            migrationBuilder.CreateIndex(
                name: "IX_dojo_lab_results_Login_ModuleId",
                table: "dojo_lab_results",
                columns: new[] { "Login", "ModuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_dojo_quiz_attempts_Login_ModuleId",
                table: "dojo_quiz_attempts",
                columns: new[] { "Login", "ModuleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dojo_belt_attempts");

            migrationBuilder.DropTable(
                name: "dojo_lab_results");

            migrationBuilder.DropTable(
                name: "dojo_parts_read");

            migrationBuilder.DropTable(
                name: "dojo_quiz_attempts");
        }
    }
}
