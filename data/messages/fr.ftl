# vivamo-validate : messages destinés aux personnes, en français.
# Traduction de en.ftl : mêmes identifiants, mêmes règles (pas de jargon, jamais
# la saisie du client).

required = Ce champ est obligatoire.
wrong_type = Cette valeur n’est pas du type attendu.
unknown_field = Ce champ n’est pas accepté.
malformed_json = Cet enregistrement n’a pas pu être lu.

email_invalid = Saisissez une adresse e-mail valide.
email_invalid--too_long = Cette adresse e-mail est trop longue.
email_invalid--display_name = Saisissez l’adresse e-mail seule, sans nom.
email_invalid--missing_at = Une adresse e-mail contient un signe @.
email_invalid--multiple_at = Une adresse e-mail ne contient qu’un seul signe @.
email_invalid--local_empty = Saisissez la partie avant le @.
email_invalid--local_too_long = La partie avant le @ est trop longue.
email_invalid--domain_empty = Saisissez la partie après le @, par exemple example.com.
email_invalid--domain_no_dot = La partie après le @ doit contenir un point, par exemple example.com.
email_invalid--unsafe_character = Cette adresse e-mail contient un caractère non autorisé.
email_disposable = Désolé, ce domaine de messagerie n’est pas accepté.
email_plus_suffix = Utilisez une adresse e-mail sans le signe +.

phone_invalid_format = Désolé, ce numéro ne peut pas être utilisé. Veuillez saisir un numéro de mobile valide.
phone_missing_country_code = Désolé, ce numéro ne peut pas être utilisé. Veuillez saisir un numéro de mobile valide.
phone_invalid = Désolé, ce numéro ne peut pas être utilisé. Veuillez saisir un numéro de mobile valide.
phone_not_mobile = Désolé, ce numéro ne peut pas être utilisé. Veuillez saisir un numéro de mobile valide.
phone_us_prefix_assumed = Nous avons lu ce numéro comme américain ou canadien. Sinon, ajoutez son indicatif avec un +.

country_invalid = Choisissez un pays.
state_invalid = Choisissez un État des États-Unis.
zip_invalid = Saisissez un code postal valide.

text_invalid_characters = Ce texte contient des caractères non autorisés.
text_too_long = Ce texte est trop long.
text_no_letters = Ce texte doit contenir au moins une lettre.

external_id_invalid = Cet identifiant client ne peut pas être utilisé.
kyc_type_unknown = Ce type de vérification n’est pas pris en charge.
kyc_status_unknown = Ce statut de vérification n’est pas pris en charge.
timestamp_invalid = Saisissez une date et une heure valides.
too_many_errors = Il y a trop de problèmes pour tous les énumérer.

duplicate_external_id = Ce client existe déjà.
duplicate_email = Un client avec cette adresse e-mail existe déjà.
csv_multiline_field = Cette ligne s’étend sur plusieurs lignes.
