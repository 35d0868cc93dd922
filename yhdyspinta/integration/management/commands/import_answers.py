"""Imports survey answers (long form or a LimeSurvey CSV export) into a study, all or nothing."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from yhdyspinta.core.commands import user_named
from yhdyspinta.integration import actions, importing
from yhdyspinta.integration.compute.errors import IntegrationInputError
from yhdyspinta.integration.models import Study


class Command(BaseCommand):
    help = ("Import answers into a study: long form (respondent_id,group,party,frequency,mutuality,need,…) "
            "or, with --limesurvey, LimeSurvey's CSV export. The user's rights apply; audited in the user's name.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX")
        parser.add_argument("--study", type=int, required=True, help="study id")
        parser.add_argument("--user", required=True, help="username the import is made as")
        parser.add_argument("--limesurvey", action="store_true", help="the file is a LimeSurvey CSV export")
        parser.add_argument("--group-question", default="GROUP", help="LimeSurvey: the own task group's question code")
        parser.add_argument("--mapping", help="a survey export (LimeSurvey answer codes or full answers, Webropol) "
                            "read with this JSON mapping: questions, subquestions, codes, respondent, size_groups")
        parser.add_argument("--include-incomplete", action="store_true",
                            help="with --mapping: keep LimeSurvey's unfinished responses (no submit date)")
        parser.add_argument("--replace", action="store_true",
                            help="replace the answers of respondents (by the file's ids) imported before")

    def handle(self, *args, file, study, user, limesurvey, group_question, replace=False, mapping=None,
               include_incomplete=False, **options):
        actor = user_named(user)
        target = Study.objects.filter(pk=study).first()
        if target is None:
            raise CommandError(f"no study {study}")
        path = Path(file)
        skipped = 0
        try:
            data = importing.to_csv_bytes(path.read_bytes(), path.name)
            if mapping:
                survey_mapping = importing.mapping_file(Path(mapping).read_bytes(), Path(mapping).name)
                survey_mapping.include_incomplete = survey_mapping.include_incomplete or include_incomplete
                frame, lines, skipped = importing.read_survey_form(data, path.name, survey_mapping, target)
                count = actions.import_answers(target, frame, actor=actor, file=path.name, lines=lines,
                                               replace=replace)
            elif limesurvey:
                frame, skipped = importing.read_limesurvey_form(data, path.name, group_question=group_question,
                                                                study=target)
                count = actions.import_answers(target, frame, actor=actor, file=path.name, replace=replace)
            else:
                frame, lines = importing.read_long(data, path.name, target)
                count = actions.import_answers(target, frame, actor=actor, file=path.name, lines=lines,
                                               replace=replace)
        except OSError as exc:
            raise CommandError(f"{exc.filename or path}: {exc.strerror}") from None
        except IntegrationInputError as exc:
            raise CommandError(f"refused, nothing imported: {exc}") from None
        except PermissionDenied:
            raise CommandError(f"refused: {user} may not import answers into study {study}") from None
        text = f"{path.name}: {count} answer sets imported"
        self.stdout.write(text + (f", {skipped} incomplete responses skipped" if skipped else ""))
        if skipped and mapping:
            self.stdout.write("(unfinished responses have no submit date; --include-incomplete keeps them)")
