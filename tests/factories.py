"""factory_boy factories for the core models."""

import hashlib
from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from kwaliteit.models import (
    Board,
    CoreValue,
    Document,
    Job,
    Membership,
    Role,
    School,
    Team,
    User,
    VisionVersion,
)

PASSWORD = "a-good-test-password"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@school.example")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Stichting {n}")
    slug = factory.Sequence(lambda n: f"bestuur-{n}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Basisschool {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")
    sector = School.Sector.PRIMARY


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = Role.TEACHER

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)


class VisionVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisionVersion
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Samen leren, samen groeien"
    statement = "Wij willen dat ieder kind ontdekt wat het kan."
    created_by = factory.SubFactory(UserFactory)

    class Params:
        adopted = factory.Trait(
            status=VisionVersion.Status.ADOPTED,
            adopted_on=factory.Faker("past_date"),
            adopted_by=factory.SubFactory(UserFactory),
        )

    @factory.post_generation
    def values(self, create, extracted, **kwargs):
        if not create:
            return
        names = ["Samen", "Vertrouwen"] if extracted is None else extracted
        # A value of the same name in the school's previous version is the same value (its
        # lineage), as vision_draft_start makes it.
        earlier = CoreValue.objects.filter(
            vision__school=self.school, vision__number__lt=self.number
        ).order_by("vision__number")
        lineages = {value.name.casefold(): value.lineage for value in earlier}
        CoreValue.objects.bulk_create(
            CoreValue(
                vision=self,
                position=i,
                name=name,
                description=f"Over {name.lower()}",
                **({"lineage": lineages[name.casefold()]} if name.casefold() in lineages else {}),
            )
            for i, name in enumerate(names)
        )


PDF_BYTES = b"%PDF-1.7 test"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A personal download, made now, expiring after the usual days."""

    class Meta:
        model = Document

    school = factory.SubFactory(SchoolFactory)
    created_by = factory.SubFactory(UserFactory)
    filename = "visie.pdf"
    file = factory.LazyAttribute(lambda document: ContentFile(PDF_BYTES, name=document.filename))
    size = len(PDF_BYTES)
    checksum = hashlib.sha256(PDF_BYTES).hexdigest()
    mime_type = "application/pdf"
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class JobFactory(factory.django.DjangoModelFactory):
    """A finished vision PDF; file=None leaves it without a document (waiting, running)."""

    class Meta:
        model = Job

    class Params:
        file = True

    school = factory.SubFactory(SchoolFactory)
    created_by = factory.SubFactory(UserFactory)
    kind = "vision_pdf"
    object_id = "1"
    status = Job.Status.DONE
    document = factory.Maybe(
        "file",
        yes_declaration=factory.SubFactory(
            DocumentFactory,
            school=factory.SelfAttribute("..school"),
            created_by=factory.SelfAttribute("..created_by"),
        ),
        no_declaration=None,
    )


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dataplan.Indicator"

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Leesresultaten {n}")
    question = "Lezen onze leerlingen op niveau?"
    source = "test"
    kind = "percentage"
    unit = "%"
    norm = Decimal("75")
    target = Decimal("85")
    owner = factory.SubFactory(UserFactory)
    level = "class"
    collection_months = [10, 3]


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dataplan.Group"

    school = factory.SubFactory(SchoolFactory)
    level = "class"
    name = factory.Sequence(lambda n: f"Klas {n}")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dataplan.Measurement"

    indicator = factory.SubFactory(IndicatorFactory)
    group = factory.SubFactory(GroupFactory, school=factory.SelfAttribute("..indicator.school"))
    # Within the last year, however many measurements the test process made before: older
    # values count as out of date and would change what a test sees.
    measured_on = factory.Sequence(lambda n: timezone.localdate() - timedelta(days=20 + n % 300))
    value = Decimal("80")


class DataImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "dataplan.DataImport"

    school = factory.SubFactory(SchoolFactory)
    school_year = 2025
    original_name = "metingen.csv"
    file = factory.LazyAttribute(
        lambda i: ContentFile(
            b"Indicator;Groep;Datum;Waarde\nLeesresultaten;Groep 5;01-10-2025;72,5\n",
            name="metingen.csv",
        )
    )
    row_count = 1
    created_by = factory.SubFactory(UserFactory)


# Cards and cycles as rows, for tests where only their existence matters. Tests about what a
# person does with them use the service builders in tests/builders.py.


class KwaliteitskaartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "kwaliteitskaarten.Kwaliteitskaart"

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Thema {n}")
    owner = factory.SubFactory(UserFactory)


class CardVersionFactory(factory.django.DjangoModelFactory):
    """A card's version; `adopted=True` makes it the adopted one (30 days ago by default)."""

    class Meta:
        model = "kwaliteitskaarten.CardVersion"

    card = factory.SubFactory(KwaliteitskaartFactory)
    number = 1
    core = "Elke les eindigt met feedback."
    created_by = factory.SubFactory(UserFactory)

    class Params:
        adopted = factory.Trait(
            status="adopted",
            adopted_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30)),
            adopted_by=factory.SubFactory(UserFactory),
        )


class AfspraakFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "kwaliteitskaarten.Afspraak"

    card = factory.SubFactory(KwaliteitskaartFactory)
    text = factory.Sequence(lambda n: f"Afspraak {n}")
    owner = factory.SubFactory(UserFactory)
    check_interval_months = 3
    next_check_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class CycleFactory(factory.django.DjangoModelFactory):
    """A cycle with its four phases due four weeks apart: `phases=<date>` is the Plan's due date
    (default: today), `phases__owners={kind: user}` gives phases an owner of their own."""

    class Meta:
        model = "pdca.Cycle"
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Traject {n}")
    owner = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("owner")

    @factory.post_generation
    def phases(self, create, extracted, owners=None, **kwargs):
        if not create:
            return
        from pdca.models import Phase

        due = extracted or timezone.localdate()
        for position, kind in enumerate(Phase.ORDER):
            Phase.objects.create(
                cycle=self,
                kind=kind,
                position=position,
                due_on=due + timedelta(weeks=4 * position),
                owner=(owners or {}).get(kind),
            )


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pdca.Action"

    cycle = factory.SubFactory(CycleFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    owner = factory.SelfAttribute("cycle.owner")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
