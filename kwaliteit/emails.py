"""E-mail in the recipient's language, text and HTML from templates (user text escaped)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(*, user, template, context):
    """Render emails/<template>_subject.txt, .txt and .html in the user's language and send."""
    context = {**context, "user": user, "site_url": settings.SITE_URL}
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
