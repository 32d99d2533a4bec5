"""The site's own pages: each shows the Secretariat's text for it (or, before it is written, its
name alone); the privacy page adds the facts read from the portal's rules, the contact page its
form."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .contact import contact_message_receive, sender_key, too_many
from .forms import ContactForm
from .models import PageKind, SitePage
from .privacy_facts import privacy_facts


def page_of(kind):
    """The page of `kind`, or one not yet written: titled by its kind, without text."""
    found = SitePage.objects.filter(kind=kind).first()
    return found or SitePage(kind=kind, title_en=PageKind(kind).label)


def site_page(request, kind, extra=None, status=200):
    context = {"page": page_of(kind), "kind": kind, **(extra or {})}
    return render(request, f"site_pages/{kind}.html", context, status=status)


@require_safe
def about(request):
    return site_page(request, PageKind.ABOUT)


@require_safe
def join(request):
    return site_page(request, PageKind.JOIN)


@require_safe
def privacy(request):
    return site_page(request, PageKind.PRIVACY, {"sections": privacy_facts()})


def contact(request):
    """The form; a message sent is saved and e-mailed, then the thank-you page. One too many
    comes back with the text typed; a robot's (the trap filled) is dropped, thanked all the
    same."""
    if request.method != "POST":
        return site_page(request, PageKind.CONTACT, {"form": ContactForm()})
    form = ContactForm(request.POST)
    if not form.is_valid():
        return site_page(request, PageKind.CONTACT, {"form": form})
    if form.is_from_a_robot():
        return redirect("site_pages:contact_sent")
    if too_many(form.cleaned_data["email"], sender_key(request)):
        form.add_error(
            None,
            _(
                "Your message was not sent: you have sent as many messages as the form takes in "
                "an hour. Please try again in an hour; your text is kept below."
            ),
        )
        return site_page(request, PageKind.CONTACT, {"form": form}, status=429)
    contact_message_receive(form.cleaned_data, request)
    return redirect("site_pages:contact_sent")


@require_safe
def contact_sent(request):
    return render(request, "site_pages/contact_sent.html")
